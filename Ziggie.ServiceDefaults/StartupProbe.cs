using Microsoft.Extensions.Hosting;

namespace Ziggie.ServiceDefaults;

/// <summary>Answers <c>/health/startup</c>: complete once the host has started.</summary>
public sealed class StartupProbe(IHostApplicationLifetime lifetime)
{
    public bool IsComplete => lifetime.ApplicationStarted.IsCancellationRequested;
}
