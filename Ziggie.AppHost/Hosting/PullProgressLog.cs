using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Turns Ollama's pull lines (many per second) into what a person wants to see: each new status once in the
/// resource log, the progress every ten percent, and a new dashboard percentage only when it changes.
/// </summary>
internal sealed class PullProgressLog(string model, ILogger log)
{
    private string? _status;
    private long _percent = -1;

    /// <summary>The layer's percentage when it changed with this line, else null.</summary>
    public long? Next(OllamaPullLine line)
    {
        if (line.Status is { } status && status != _status)
        {
            _status = status;
            _percent = -1;
            log.LogInformation("{Model}: {Status}", model, status);
        }

        if (line is not { Total: > 0 and var total }) return null;

        var percent = (line.Completed ?? 0) * 100 / total;
        if (percent == _percent) return null;

        if (percent / 10 != _percent / 10)
        {
            log.LogInformation("{Model}: {Percent} percent of {Megabytes:0} MB", model, percent, total / 1e6);
        }

        _percent = percent;
        return percent;
    }
}
