using System.Security.Cryptography;
using System.Text;

namespace Ziggie.Testing.Ollama;

/// <summary>A model as Ollama describes it in <c>/api/tags</c>, <c>/api/show</c> and <c>/api/ps</c>.</summary>
public sealed record FakeModel(string Name, long Size)
{
    // Derived from the name rather than random, so two runs of a test see the same digests.
    public string Digest { get; init; } = FakeModelNames.DigestOf(Name);
    public string Family { get; init; } = "llama";
    public string ParameterSize { get; init; } = "3.2B";
    public string QuantizationLevel { get; init; } = "Q4_K_M";
    public string Format { get; init; } = "gguf";
    public DateTimeOffset ModifiedAt { get; init; } = DateTimeOffset.UtcNow;
    public IReadOnlyList<string> Capabilities { get; init; } = ["completion"];
}

/// <summary>Ollama's name rules: a missing tag means <c>:latest</c>, and names compare without case.</summary>
internal static class FakeModelNames
{
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        var lastSegment = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        return lastSegment.Contains(':') ? trimmed : trimmed + ":latest";
    }

    public static string DigestOf(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(name).ToLowerInvariant())));
}

/// <summary>A thread-safe set of models keyed by normalized name: the local store, or the pullable library.</summary>
internal sealed class ModelShelf
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeModel> _models = new(StringComparer.OrdinalIgnoreCase);

    public FakeModel Put(FakeModel model)
    {
        var named = model with { Name = FakeModelNames.Normalize(model.Name) };
        lock (_lock) _models[named.Name] = named;
        return named;
    }

    public bool Remove(string name)
    {
        lock (_lock) return _models.Remove(FakeModelNames.Normalize(name));
    }

    public FakeModel? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        lock (_lock) return _models.GetValueOrDefault(FakeModelNames.Normalize(name));
    }

    // Newest first, as Ollama sorts /api/tags.
    public IReadOnlyList<FakeModel> All()
    {
        lock (_lock) return [.. _models.Values.OrderByDescending(m => m.ModifiedAt).ThenBy(m => m.Name)];
    }
}

/// <summary>The models a generate, chat or embed call has "loaded", which is what <c>/api/ps</c> lists.</summary>
internal sealed class LoadedModels
{
    private static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromMinutes(5);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (FakeModel Model, DateTimeOffset ExpiresAt)> _loaded = new(StringComparer.OrdinalIgnoreCase);

    public void Load(FakeModel model)
    {
        lock (_lock) _loaded[model.Name] = (model, DateTimeOffset.UtcNow + DefaultKeepAlive);
    }

    public void Unload(string name)
    {
        lock (_lock) _loaded.Remove(FakeModelNames.Normalize(name));
    }

    public IReadOnlyList<(FakeModel Model, DateTimeOffset ExpiresAt)> All()
    {
        lock (_lock) return [.. _loaded.Values.OrderByDescending(l => l.ExpiresAt)];
    }
}
