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
/// Ollama's local models as <c>/api/tags</c> lists them, kept for <see cref="LlmOptions.ModelListCacheDuration"/>
/// so that the status page and the UI may ask as often as they like.
/// </summary>
public sealed class ModelCatalog
{
    private const string Topic = "models";

    private readonly HybridCache _cache;
    private readonly OllamaClient _ollama;
    private readonly IOptions<LlmOptions> _options;
    private readonly SharedInvalidation _invalidation;
    private long _generation;

    public ModelCatalog(HybridCache cache, OllamaClient ollama, IOptions<LlmOptions> options, SharedInvalidation invalidation)
    {
        (_cache, _ollama, _options, _invalidation) = (cache, ollama, options, invalidation);
        // Another replica's pull or delete changed the list of the Ollama all replicas share.
        invalidation.Subscribe(Topic, _ => Interlocked.Increment(ref _generation));
    }

    /// <exception cref="HttpRequestException">Ollama did not answer, or answered an error.</exception>
    public async Task<ModelList> ListAsync(CancellationToken cancellationToken)
    {
        var keep = _options.Value.ModelListCacheDuration;
        return await _cache.GetOrCreateAsync(
            $"ollama-models-{Volatile.Read(ref _generation)}",
            _ollama,
            static async (ollama, token) => new ModelList(await ollama.ListModelsAsync(token)),
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
}

/// <summary>Ollama's <c>/api/tags</c> list, field for field.</summary>
/// <remarks>Marked immutable so the cache hands out the instance instead of a copy.</remarks>
[ImmutableObject(true)]
public sealed record ModelList(IReadOnlyList<Model> Models);
