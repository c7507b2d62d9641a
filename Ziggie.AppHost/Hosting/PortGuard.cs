using System.Reflection;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Refuses to start while another process listens on a host port the app model pins. The old system's LLM page
/// said OFFLINE for days because stray copies of the backend held its port and answered in its place, unseen.
/// </summary>
internal sealed class PortGuard(
    IConfiguration configuration, DistributedApplicationOptions options, ILogger<PortGuard> logger) : IDistributedApplicationEventingSubscriber
{
    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        // Registered after Aspire's own subscribers, so the dashboard's endpoints are in the model by then;
        // DCP binds none of the pinned ports before BeforeStartEvent's handlers have all returned.
        if (executionContext.IsRunMode)
        {
            eventing.Subscribe<BeforeStartEvent>(CheckAsync);
        }

        return Task.CompletedTask;
    }

    private async Task CheckAsync(BeforeStartEvent @event, CancellationToken cancellationToken)
    {
        var pins = PinnedPorts.Find(@event.Model, configuration, dashboardEnabled: !options.DisableDashboard);
        if (pins.Count == 0) return;

        var listeners = await PortListeners.FindAsync(pins.Select(p => p.Port).ToHashSet(), cancellationToken: cancellationToken);
        if (listeners.Count > 0)
        {
            throw new PortsInUseException(PortGuardMessage.Format(pins, listeners, PortGuardMessage.CurrentOs));
        }

        logger.LogInformation("No other process listens on the pinned ports {Ports}",
            string.Join(", ", pins.Select(p => $"{p.Port} ({p.Purpose})")));
    }
}

/// <summary>
/// Stops the AppHost, before any resource starts, when another process holds a port it pins.
/// </summary>
public static class PortGuardExtensions
{
    /// <summary>
    /// Before any resource starts (run mode only), looks for listeners on every host port the app model pins, on
    /// any local address, IPv4 and IPv6. When there is one, the start fails with a <see cref="PortsInUseException"/>
    /// that lists each port, address, process id, name and command line, and the command that stops it on this OS.
    /// Once the endpoints are allocated, it holds [::1] on each external proxied port (Aspire's proxy binds
    /// 127.0.0.1 only) and relays it there, failing the same way when a process already holds it.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IDistributedApplicationBuilder AddPortGuard(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddEventingSubscriber<PortGuard>();
        builder.Services.AddEventingSubscriber<LoopbackIPv6Relays>();
        return builder;
    }

    /// <summary>
    /// Runs the app until shutdown and returns the process exit code: 0, or 1 after printing the port guard's
    /// message when it stopped the start (a message to act on, not a stack trace), or 0 after one line when the
    /// user stopped it while it was still starting (<see cref="QuietStopExtensions"/>). A test host that runs the
    /// AppHost's entry point (Aspire.Hosting.Testing) gets the <see cref="PortsInUseException"/> instead.
    /// </summary>
    /// <param name="app">The distributed application.</param>
    public static async Task<int> RunToExitCodeAsync(this DistributedApplication app)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await app.RunAsync();
        }
        catch (PortsInUseException ex) when (Assembly.GetEntryAssembly() == typeof(PortGuard).Assembly)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }

        if (QuietStopExtensions.IsAppHostProcess && QuietStopExtensions.StoppedBeforeStart(lifetime))
        {
            await Console.Error.WriteLineAsync("Ziggie's AppHost stopped (Ctrl+C) before every resource had started.");
        }

        return 0;
    }
}
