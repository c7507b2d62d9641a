using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Hosting;

/// <summary>Runs <c>Ziggie:Backend:Replicas</c> backends, all referencing the Redis they share.</summary>
public static class BackendReplicasExtensions
{
    /// <summary>
    /// Gives the backend <c>ConnectionStrings:cache</c> when there is a <paramref name="cache"/> (waiting for it when the
    /// AppHost runs it), and runs <c>Ziggie:Backend:Replicas</c> of it behind the endpoint's proxy.
    /// </summary>
    /// <param name="backend">The backend project.</param>
    /// <param name="cache">The Redis of <see cref="ZiggieInfrastructureExtensions.AddZiggieCache"/>, or null for state kept in process.</param>
    /// <exception cref="DistributedApplicationException">Several replicas but no Redis (cannot happen through AddZiggieCache).</exception>
    public static IResourceBuilder<ProjectResource> WithReplicasSharing(this IResourceBuilder<ProjectResource> backend, IResourceBuilder<IResourceWithConnectionString>? cache)
    {
        var replicas = ZiggieBackendSettings.Replicas(backend.ApplicationBuilder.Configuration);
        if (cache is not null)
        {
            backend.WithReference(cache).WaitForUnlessExisting(cache);
        }
        else if (replicas > 1)
        {
            throw new DistributedApplicationException(
                $"{ZiggieBackendSettings.ReplicasKey} is {replicas}, but several backends need a Redis to share their limits in, and there is none. " +
                $"Set {ZiggieBackendSettings.CacheKey} to a Redis you run, or let the AppHost run one in a container.");
        }

        return replicas > 1 ? backend.WithReplicas(replicas) : backend;
    }
}
