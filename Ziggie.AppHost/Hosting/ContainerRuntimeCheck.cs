using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Says at once, in the console and on the dashboard, when the model needs containers and the container runtime
/// does not answer, with both ways out. It keeps asking every few seconds and says so when the runtime answers:
/// Docker Desktop takes a while to come up, and a user who starts it should not have to restart Ziggie to notice.
/// </summary>
internal sealed class ContainerRuntimeCheck(
    ResourceNotificationService notifications,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    ILogger<ContainerRuntimeCheck> logger) : IDistributedApplicationEventingSubscriber
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        if (executionContext.IsRunMode)
        {
            eventing.Subscribe<BeforeStartEvent>((@event, ct) =>
            {
                // In the background: the first answer must not hold up the dashboard, which is where it shows.
                if (@event.Model.Resources.OfType<ContainerRuntimeResource>().SingleOrDefault() is { } runtime)
                {
                    _ = Task.Run(() => WatchAsync(runtime, ContainerNames(@event.Model), lifetime.ApplicationStopping), CancellationToken.None);
                }

                return Task.CompletedTask;
            });
        }

        return Task.CompletedTask;
    }

    internal static string[] ContainerNames(DistributedApplicationModel model) =>
        [.. model.Resources.Where(r => r is ContainerResource).Select(r => r.Name)];

    /// <summary>What the user reads when the runtime does not answer: the problem, then both fixes as commands.</summary>
    internal static string Message(string runtime, string why, IReadOnlyList<string> containers) =>
        $"Ziggie runs {string.Join(" and ", containers)} in containers, but the container runtime '{runtime}' does not answer ({why}). " +
        "Until it does, they stay 'Waiting' and so does the backend. Either start it (Docker Desktop, or `sudo systemctl start docker`; " +
        "Ziggie keeps asking and says when it answers), or stop here (Ctrl+C) and use MongoDB and Ollama servers you already run: " +
        $"`{EnvironmentName(ZiggieOllamaSettings.UrlKey)}=http://localhost:11434 {EnvironmentName("ConnectionStrings:ziggiedb")}=mongodb://localhost:27017/ziggie " +
        (containers.Contains(ZiggieBackendSettings.CacheName) ? $"{EnvironmentName(ZiggieBackendSettings.CacheKey)}=localhost:6379 " : "") +
        "dotnet run --project Ziggie.AppHost` (docs/troubleshooting.md, 'Docker is not running')." +
        (containers.Contains(ZiggieBackendSettings.CacheName)
            ? $" The {ZiggieBackendSettings.CacheName} container is Redis, which {ZiggieBackendSettings.ReplicasKey} > 1 needs: without Docker, " +
              $"name a Redis you run in {ZiggieBackendSettings.CacheKey}, or set {EnvironmentName(ZiggieBackendSettings.ReplicasKey)}=1."
            : "");

    private static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private async Task WatchAsync(ContainerRuntimeResource resource, string[] containers, CancellationToken stopping)
    {
        var log = resourceLogs.GetLogger(resource);
        string? said = null;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var why = await ContainerRuntimeProbe.ProbeAsync(resource.Runtime, stopping);
                if (why is null && said is not "up")
                {
                    if (said is not null)
                    {
                        logger.LogInformation("The container runtime '{Runtime}' answers now; the containers start.", resource.Runtime);
                        log.LogInformation("The container runtime '{Runtime}' answers now.", resource.Runtime);
                    }

                    said = "up";
                    await notifications.PublishUpdateAsync(resource, s => s with { State = new(KnownResourceStates.Running, KnownResourceStateStyles.Success) });
                }
                else if (why is not null && said is not "down")
                {
                    var message = Message(resource.Runtime, why, containers);
                    logger.LogError("{Message}", message);
                    log.LogError("{Message}", message);
                    said = "down";
                    await notifications.PublishUpdateAsync(resource, s => s with
                    {
                        State = new($"{resource.Runtime} is not running", KnownResourceStateStyles.Error),
                        Properties = [.. s.Properties.Where(p => p.Name != "ziggie.fix"), new("ziggie.fix", message)],
                    });
                }

                await Task.Delay(Interval, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}

/// <summary>Adds the container runtime check when the model runs containers.</summary>
public static class ContainerRuntimeCheckExtensions
{
    /// <summary>
    /// When the model (so far) has container resources and the AppHost runs, adds a <c>container-runtime</c> resource
    /// whose state says whether <c>{ASPIRE_CONTAINER_RUNTIME or docker} info</c> answers; when it does not, the console
    /// and the resource's log say so within seconds, with both fixes. Call it after the resources are added.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IDistributedApplicationBuilder AddContainerRuntimeCheck(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode || !builder.Resources.Any(r => r is ContainerResource))
        {
            return builder;
        }

        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } configured ? configured : "docker";
        builder.AddResource(new ContainerRuntimeResource("container-runtime", runtime))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "ContainerRuntime",
                State = new("Checking", KnownResourceStateStyles.Info),
                Properties = [new(CustomResourceKnownProperties.Source, runtime)],
            })
            .ExcludeFromManifest();
        builder.Services.AddEventingSubscriber<ContainerRuntimeCheck>();
        return builder;
    }
}
