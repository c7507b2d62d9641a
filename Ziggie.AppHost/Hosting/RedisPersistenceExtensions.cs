using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Hosting;

/// <summary>A Redis that keeps nothing on disk.</summary>
public static class RedisPersistenceExtensions
{
    /// <summary>
    /// Runs Redis in memory only (<c>--save '' --appendonly no</c>): no snapshot is written to the image's <c>/data</c>,
    /// so a restarted container starts empty rather than from a snapshot of leases and windows long past.
    /// </summary>
    /// <param name="redis">The Redis container, whose command Aspire writes as <c>/bin/sh -c "redis-server …"</c>.</param>
    public static IResourceBuilder<RedisResource> WithoutPersistence(this IResourceBuilder<RedisResource> redis) =>
        redis.WithArgs(context =>
        {
            // Runs after Aspire's own callback, which put the whole redis-server command line after "-c".
            var command = context.Args.IndexOf("-c") + 1;
            if (command > 0 && command < context.Args.Count && context.Args[command] is string line)
            {
                context.Args[command] = $"{line} --save '' --appendonly no";
            }
        });
}
