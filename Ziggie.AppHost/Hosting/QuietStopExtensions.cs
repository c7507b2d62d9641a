using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Ctrl+C (or SIGTERM) while the AppHost is still starting, e.g. waiting for a container runtime that is not
/// running, is the user's choice, not a failure: one line instead of the host's "Hosting failed to start" error
/// with its stack trace of a cancelled task.
/// </summary>
public static class QuietStopExtensions
{
    // The host logs a start cut short under this category, and only then does it see its stopping token cancelled.
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// Leaves out the host's "Hosting failed to start" error when the start failed because the application was
    /// asked to stop. Only in the AppHost's own process: a test host that runs the entry point sees everything.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IDistributedApplicationBuilder AddQuietStop(this IDistributedApplicationBuilder builder)
    {
        if (!IsAppHostProcess) return builder;

        builder.Services.AddSingleton<IConfigureOptions<LoggerFilterOptions>>(services => new ConfigureOptions<LoggerFilterOptions>(options =>
        {
            var lifetime = new Lazy<IHostApplicationLifetime>(services.GetRequiredService<IHostApplicationLifetime>);
            options.AddFilter(HostCategory, level =>
                level >= LogLevel.Information && !(level >= LogLevel.Error && StoppedBeforeStart(lifetime.Value)));
        }));
        return builder;
    }

    internal static bool IsAppHostProcess => Assembly.GetEntryAssembly() == typeof(QuietStopExtensions).Assembly;

    /// <summary>Whether a stop was asked for (Ctrl+C, SIGTERM) before every resource had started.</summary>
    internal static bool StoppedBeforeStart(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.IsCancellationRequested && !lifetime.ApplicationStarted.IsCancellationRequested;
}
