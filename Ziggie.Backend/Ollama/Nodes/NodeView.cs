using System.Collections.Immutable;

namespace Ziggie.Backend.Ollama;

/// <summary>
/// What a node said when it was last asked: whether it answers, the models in its memory (<c>/api/ps</c>) and on
/// its disk (<c>/api/tags</c>), by normalized name (<see cref="ModelNames"/>).
/// </summary>
/// <param name="CheckedAt">When it was asked; <see cref="DateTimeOffset.MinValue"/> for never.</param>
/// <param name="Stale">A call ended on the node since: the next routing decision asks again (in the background).</param>
public sealed record NodeView(
    bool Online, ImmutableHashSet<string> Loaded, ImmutableHashSet<string> Has, DateTimeOffset CheckedAt, string? Error, bool Stale = false)
{
    public static readonly NodeView Unknown = new(
        true, ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase), ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase),
        DateTimeOffset.MinValue, null);

    /// <summary>When <see cref="Has"/> was read (<c>/api/tags</c>); a probe after a call reads the memory only.</summary>
    public DateTimeOffset DiskCheckedAt { get; init; } = DateTimeOffset.MinValue;

    public bool Known => CheckedAt != DateTimeOffset.MinValue;
}

/// <summary>Ollama's name rules: a name without a tag means <c>:latest</c>; names compare without case.</summary>
public static class ModelNames
{
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        var lastSegment = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        return lastSegment.Contains(':') ? trimmed : trimmed + ":latest";
    }
}
