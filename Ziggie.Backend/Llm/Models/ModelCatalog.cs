using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using OllamaSharp.Models;
using OllamaSharp.Models.Exceptions;
using Ziggie.Backend.Ollama;
using Ziggie.Backend.Shared;

namespace Ziggie.Backend.Llm;

/// <summary>
/// The local models of every Ollama node as <c>/api/tags</c> lists them, joined into one list that says which nodes
/// hold each model, kept for <see cref="LlmOptions.ModelListCacheDuration"/> so that the status page and the UI may
/// ask as often as they like.
/// </summary>
public sealed class ModelCatalog
{
    private const string Topic = "models";

    private readonly HybridCache _cache;
    private readonly OllamaClient _ollama;
    private readonly OllamaNodes _nodes;
    private readonly IOptions<LlmOptions> _options;
    private readonly SharedInvalidation _invalidation;
    private long _generation;

    public ModelCatalog(HybridCache cache, OllamaClient ollama, OllamaNodes nodes, IOptions<LlmOptions> options, SharedInvalidation invalidation)
    {
        (_cache, _ollama, _nodes, _options, _invalidation) = (cache, ollama, nodes, options, invalidation);
        // Another replica's pull or delete changed the list of the Ollama all replicas share.
        invalidation.Subscribe(Topic, _ => Interlocked.Increment(ref _generation));
    }

    /// <exception cref="HttpRequestException">No node answered, or every node answered an error.</exception>
    public async Task<ModelList> ListAsync(CancellationToken cancellationToken)
    {
        var keep = _options.Value.ModelListCacheDuration;
        return await _cache.GetOrCreateAsync(
            $"ollama-models-{Volatile.Read(ref _generation)}",
            (ollama: _ollama, nodes: _nodes),
            static async (state, token) => await JoinAsync(state.ollama, state.nodes, token),
            new HybridCacheEntryOptions { Expiration = keep, LocalCacheExpiration = keep },
            cancellationToken: cancellationToken);
    }

    /// <summary>The names of the local models, or null when Ollama does not give them within <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<string>?> TryListNamesAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return [.. (await ListAsync(timeout.Token)).Models.Select(m => m.Name)];
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is HttpRequestException or OperationCanceledException or JsonException or OllamaException)
        {
            return null;
        }
    }

    /// <summary>
    /// The list has changed (a pull or delete through this backend): the next <see cref="ListAsync"/> asks Ollama, here
    /// and on the other replicas. A new key rather than a removal, so it takes effect at once, without awaiting anything.
    /// </summary>
    public void Forget() => _invalidation.Publish(Topic, "");

    /// <summary>Every node asked at once; a node that does not answer is left out unless none answers (then its error is the answer).</summary>
    private static async Task<ModelList> JoinAsync(OllamaClient ollama, OllamaNodes nodes, CancellationToken cancellationToken)
    {
        if (!nodes.Several)
        {
            return new ModelList([.. (await ollama.ListModelsAsync(nodes.First, cancellationToken)).Select(m => NodeModel.Of(m, [nodes.First.Name]))]);
        }

        var asked = nodes.All.Select(node => ollama.ListModelsAsync(node, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(asked);
        }
        catch (Exception) when (asked.Any(t => t.IsCompletedSuccessfully))
        {
        }

        var models = new Dictionary<string, (Model Model, List<string> Nodes)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < asked.Length; i++)
        {
            if (!asked[i].IsCompletedSuccessfully) continue;
            foreach (var model in asked[i].Result)
            {
                var key = ModelNames.Normalize(model.Name);
                if (!models.TryGetValue(key, out var held)) models[key] = held = (model, []);
                held.Nodes.Add(nodes.All[i].Name);
            }
        }

        return new ModelList([.. models.Values.Select(m => NodeModel.Of(m.Model, m.Nodes))]);
    }
}

/// <summary>Ollama's <c>/api/tags</c> list, field for field, over every node.</summary>
/// <remarks>Marked immutable so the cache hands out the instance instead of a copy.</remarks>
[ImmutableObject(true)]
public sealed record ModelList(IReadOnlyList<NodeModel> Models);

/// <summary>A model as Ollama lists it, with the nodes that hold it (by resource name: <c>ollama</c>, <c>ollama-1</c>, …).</summary>
public sealed class NodeModel : Model
{
    public IReadOnlyList<string> Nodes { get; init; } = [];

    public static NodeModel Of(Model model, IReadOnlyList<string> nodes) => new()
    {
        Name = model.Name,
        ModelName = model.ModelName,
        ModifiedAt = model.ModifiedAt,
        Size = model.Size,
        Digest = model.Digest,
        Details = model.Details,
        Nodes = nodes,
    };
}
