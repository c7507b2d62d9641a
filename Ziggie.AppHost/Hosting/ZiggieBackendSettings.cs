using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Ziggie.AppHost.Hosting;

/// <summary><c>Ziggie:Backend:Replicas</c> and <c>ConnectionStrings:cache</c>: how many backends run, and the Redis they share.</summary>
internal static class ZiggieBackendSettings
{
    public const string ReplicasKey = "Ziggie:Backend:Replicas";
    public const string CacheName = "cache";
    public const string CacheKey = $"ConnectionStrings:{CacheName}";
    public const int MaxReplicas = 32;

    public static int Replicas(IConfiguration configuration)
    {
        if (configuration[ReplicasKey] is not { Length: > 0 } text) return 1;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) && replicas is >= 1 and <= MaxReplicas) return replicas;
        throw new DistributedApplicationException(
            $"{ReplicasKey} is '{text}', but it must be a whole number from 1 to {MaxReplicas} (how many backends run). " +
            "Fix it in the AppHost configuration, or remove it for one backend.");
    }

    /// <summary>An existing Redis named in the AppHost configuration, or null.</summary>
    public static string? ExistingCache(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString(CacheName)) ? null : configuration.GetConnectionString(CacheName);
}
