using Microsoft.Extensions.Configuration;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// Which Ollama nodes the AppHost models (docs/scaling.md, "Several Ollama nodes"): the existing servers of
/// <c>Ziggie:Ollama:Nodes:0</c>, <c>:1</c>, … (with <c>Ziggie:Ollama:Url</c> as the short form of node 0), else
/// <c>Ziggie:Ollama:Containers</c> Ollama containers (1 by default). Node <c>i</c> is the resource <c>ollama</c>
/// (i = 0) or <c>ollama-{i}</c>, and reaches the backend as <c>ConnectionStrings:ollama</c>, <c>ollama-1</c>, ….
/// </summary>
internal static class ZiggieOllamaNodes
{
    public const string NodesKey = "Ziggie:Ollama:Nodes";
    public const string ContainersKey = "Ziggie:Ollama:Containers";
    public const int MaxNodes = 64;

    /// <summary>The existing nodes' URLs in order; empty when the AppHost runs Ollama itself.</summary>
    public static IReadOnlyList<string> Urls(IConfiguration configuration)
    {
        var url = configuration[ZiggieOllamaSettings.UrlKey];
        var section = configuration.GetSection(NodesKey);
        var listed = section.GetChildren()
            .Select(c => (Index: int.TryParse(c.Key, out var i) ? i : -1, c.Key, c.Value))
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .OrderBy(c => c.Index)
            .ToList();
        if (listed.FirstOrDefault(c => c.Index < 0) is { Key: { } bad } && listed.Any(c => c.Index < 0))
        {
            throw new DistributedApplicationException($"{NodesKey}:{bad} is not a node number; number the nodes {NodesKey}:0, :1, … in order.");
        }

        var urls = new List<string>();
        if (url is { Length: > 0 })
        {
            if (listed.Any(c => c.Index == 0))
            {
                throw new DistributedApplicationException(
                    $"Both {ZiggieOllamaSettings.UrlKey} and {NodesKey}:0 name the first Ollama node; keep one of them.");
            }

            urls.Add(url.Trim());
        }

        foreach (var (index, _, value) in listed)
        {
            if (index != urls.Count)
            {
                throw new DistributedApplicationException(
                    $"{NodesKey}:{urls.Count} is missing (the nodes go {NodesKey}:0, :1, … without a gap; {ZiggieOllamaSettings.UrlKey} counts as :0).");
            }

            urls.Add(value!.Trim());
        }

        if (urls.Count > MaxNodes) throw new DistributedApplicationException($"{NodesKey} lists {urls.Count} nodes; at most {MaxNodes}.");
        var twice = urls.GroupBy(u => u.TrimEnd('/'), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new DistributedApplicationException($"{NodesKey} names {twice.Key} twice; each Ollama once.");
        return urls;
    }

    /// <summary>How many Ollama containers to run when no existing node is configured.</summary>
    public static int Containers(IConfiguration configuration)
    {
        var value = configuration[ContainersKey];
        if (string.IsNullOrWhiteSpace(value)) return 1;
        return int.TryParse(value, out var count) && count is >= 1 and <= MaxNodes
            ? count
            : throw new DistributedApplicationException($"{ContainersKey} is '{value}'; use a number of Ollama containers from 1 to {MaxNodes}.");
    }

    /// <summary>The resource (and connection string) name of node <paramref name="index"/>.</summary>
    public static string NameOf(int index) => index == 0 ? "ollama" : $"ollama-{index}";
}
