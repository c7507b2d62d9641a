using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Brings one model onto its Ollama server and shows it on the dashboard: checks <c>/api/tags</c>, pulls through
/// <c>/api/pull</c> when the model is missing, and publishes "Downloading {model} {n} percent" while it pulls.
/// One run at a time per model.
/// </summary>
internal sealed class OllamaModelDownloader(OllamaModelResource model, OllamaHttp ollama, ResourceNotificationService notifications, ILogger log)
{
    // Ollama is silent while it verifies a large download; longer than this means it is stuck.
    private static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(5);

    private int _running;

    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>Pulls the model if Ollama lacks it; false when a run is going on already.</summary>
    public Task<bool> EnsureAsync(CancellationToken cancellationToken) => RunAsync(onlyIfMissing: true, cancellationToken);

    /// <summary>Pulls the model whether or not Ollama has it; false when a run is going on already.</summary>
    public Task<bool> PullAsync(CancellationToken cancellationToken) => RunAsync(onlyIfMissing: false, cancellationToken);

    private async Task<bool> RunAsync(bool onlyIfMissing, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) return false;
        try
        {
            if (onlyIfMissing && await IsPresentAsync(cancellationToken) is not false) return true;
            await DownloadAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return true; // The AppHost is stopping.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>True when present (and shown as running), false when missing, null when Ollama could not say.</summary>
    private async Task<bool?> IsPresentAsync(CancellationToken cancellationToken)
    {
        await PublishAsync(OllamaModelStates.Checking(model.ModelName), KnownResourceStateStyles.Info);
        try
        {
            var wanted = Normalize(model.ModelName);
            if ((await ollama.ListAsync(cancellationToken)).Any(m => Normalize(m.Name) == wanted))
            {
                log.LogInformation("Ollama has {Model} already", model.ModelName);
                await PublishAsync(KnownResourceStates.Running, KnownResourceStateStyles.Success);
                return true;
            }

            log.LogInformation("Ollama lacks {Model}; downloading it", model.ModelName);
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException)
        {
            log.LogError("Could not ask Ollama for its models: {Reason}", ex.Message);
            await PublishAsync($"{OllamaModelStates.FailedToCheck}: {ex.Message}", KnownResourceStateStyles.Error);
            return null;
        }
    }

    private async Task DownloadAsync(CancellationToken cancellationToken)
    {
        await PublishAsync(OllamaModelStates.Downloading(model.ModelName), KnownResourceStateStyles.Info);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(IdleLimit);
        var progress = new PullProgressLog(model.ModelName, log);
        string? failure;
        try
        {
            failure = "Ollama ended the download before it succeeded";
            await foreach (var line in ollama.PullAsync(model.ModelName, idle.Token))
            {
                idle.CancelAfter(IdleLimit);
                if (line.Error is { } error)
                {
                    failure = error;
                    break;
                }

                if (progress.Next(line) is { } percent)
                {
                    await PublishAsync(OllamaModelStates.Downloading(model.ModelName, percent), KnownResourceStateStyles.Info);
                }

                if (line.Status == "success")
                {
                    failure = null;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"Ollama sent nothing for {IdleLimit.TotalMinutes:0} minutes";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            failure = ex.Message;
        }

        if (failure is null)
        {
            log.LogInformation("Downloaded {Model}", model.ModelName);
            await PublishAsync(KnownResourceStates.Running, KnownResourceStateStyles.Success);
        }
        else
        {
            log.LogError("Failed to download {Model}: {Reason}. The command 'Pull again' retries.", model.ModelName, failure);
            await PublishAsync($"{OllamaModelStates.FailedToDownload}: {failure}", KnownResourceStateStyles.Error);
        }
    }

    public Task PublishAsync(string state, string style) =>
        notifications.PublishUpdateAsync(model, s => s with { State = new ResourceStateSnapshot(state, style) });

    /// <summary>Ollama's rule: a name without a tag means <c>:latest</c>; names compare without case.</summary>
    internal static string Normalize(string name)
    {
        var lastSegment = name[(name.LastIndexOf('/') + 1)..];
        return (lastSegment.Contains(':') ? name : name + ":latest").ToLowerInvariant();
    }
}
