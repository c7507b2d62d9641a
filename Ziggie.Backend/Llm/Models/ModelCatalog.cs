using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using OllamaSharp.Models;
using OllamaSharp.Models.Exceptions;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Ollama's local models as <c>/api/tags</c> lists them, kept for <see cref="LlmOptions.ModelListCacheDuration"/>
/// so that the status page and the UI may ask as often as they like.
/// </summary>
public sealed class ModelCatalog(HybridCache cache, OllamaClient ollama, IOptions<LlmOptions> options)
{
    private long _generation;

    /// <exception cref="HttpRequestException">Ollama did not answer, or answered an error.</exception>
    public async Task<ModelList> ListAsync(CancellationToken cancellationToken)
    {
        var keep = options.Value.ModelListCacheDuration;
        return await cache.GetOrCreateAsync(
            $"ollama-models-{Volatile.Read(ref _generation)}",
            ollama,
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
    /// The list has changed (a pull or delete through this backend): the next <see cref="ListAsync"/> asks Ollama.
    /// A new key rather than a removal, so it takes effect at once, without awaiting anything.
    /// </summary>
    public void Forget() => Interlocked.Increment(ref _generation);
}

/// <summary>Ollama's <c>/api/tags</c> list, field for field.</summary>
/// <remarks>Marked immutable so the cache hands out the instance instead of a copy.</remarks>
[ImmutableObject(true)]
public sealed record ModelList(IReadOnlyList<Model> Models);
