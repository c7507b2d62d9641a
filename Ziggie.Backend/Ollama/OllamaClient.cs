using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OllamaSharp;
using OllamaSharp.Models;

namespace Ziggie.Backend.Ollama;

/// <summary>
/// The one way the backend reaches Ollama. Questions whose answers OllamaSharp models field for field (version,
/// model list) go through OllamaSharp on the retried client; streamed calls go through the raw response stream,
/// because OllamaSharp's enumerators keep the upstream connection open after cancellation until Ollama's next
/// chunk, while a read with the caller's token closes it at once. Show and delete are raw too: show is answered
/// as Ollama sent it, and both word Ollama's own error text. Every call names the node it goes to
/// (<see cref="OllamaNode"/>); <see cref="NodeRouter"/> decides which.
/// </summary>
public sealed class OllamaClient(IHttpClientFactory clients, TimeProvider time)
{
    private readonly ConcurrentDictionary<OllamaNode, (OllamaApiClient Client, long Made)> _queries = new();

    /// <summary>Generate, chat, pull and delete: never retried (a retried generate runs twice), no attempt timeout.</summary>
    public const string CallsClientName = "ollama";

    /// <summary>Read-only questions (version, tags, show), with bounded retries (<see cref="OllamaRetry"/>).</summary>
    public const string QueriesClientName = "ollama-queries";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Sends a streamed call and returns once the headers are in; the caller reads (and disposes) the body.</summary>
    public async Task<HttpResponseMessage> SendStreamingAsync(OllamaNode node, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, node.UriFor(path)) { Content = JsonContent.Create(body, options: Json) };
        return await clients.CreateClient(CallsClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <exception cref="HttpRequestException">No answer, or an error status.</exception>
    public async Task<string> GetVersionAsync(OllamaNode node, CancellationToken cancellationToken)
    {
        var client = Queries(node);
        return await client.GetVersionAsync(cancellationToken);
    }

    /// <exception cref="HttpRequestException">No answer, or an error status.</exception>
    public async Task<IReadOnlyList<Model>> ListModelsAsync(OllamaNode node, CancellationToken cancellationToken)
    {
        var client = Queries(node);
        return [.. await client.ListLocalModelsAsync(cancellationToken)];
    }

    /// <summary>The models in the node's memory now (<c>/api/ps</c>).</summary>
    /// <exception cref="HttpRequestException">No answer, or an error status.</exception>
    public async Task<IReadOnlyList<Model>> ListRunningModelsAsync(OllamaNode node, CancellationToken cancellationToken)
    {
        var client = Queries(node);
        return [.. await client.ListRunningModelsAsync(cancellationToken)];
    }

    /// <summary>Ollama's <c>/api/show</c> answer as it came; the caller checks the status.</summary>
    public Task<HttpResponseMessage> ShowAsync(OllamaNode node, string model, CancellationToken cancellationToken) =>
        clients.CreateClient(QueriesClientName).PostAsJsonAsync(node.UriFor("api/show"), new { model }, cancellationToken);

    /// <summary>Deletes a model, through the client that never retries; the caller checks the status.</summary>
    public async Task<HttpResponseMessage> DeleteAsync(OllamaNode node, string model, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, node.UriFor("api/delete")) { Content = JsonContent.Create(new { model }) };
        return await clients.CreateClient(CallsClientName).SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// A call the Ollama door passes on as it came (tags, ps, show, version, copy, embed), answered as Ollama sent it;
    /// <paramref name="readOnly"/> ones go through the retried client. The caller checks and disposes the answer.
    /// </summary>
    public async Task<HttpResponseMessage> PassOnAsync(OllamaNode node, HttpMethod method, string path, JsonNode? body, bool readOnly, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, node.UriFor(path)) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        var client = clients.CreateClient(readOnly ? QueriesClientName : CallsClientName);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// OllamaSharp asks relative to the client's base address, so each node has its own client. It is kept: every
    /// <see cref="OllamaApiClient"/> brings its own JSON options, and the first answer read with new options builds their
    /// type metadata again, which made each routing probe and status check cost far more than the call itself
    /// (Ziggie.Bench, several nodes). It is made anew after <see cref="QueriesClientLifetime"/>, the factory's handler
    /// lifetime, so a changed address (DNS) is still picked up.
    /// </summary>
    private OllamaApiClient Queries(OllamaNode node)
    {
        if (_queries.TryGetValue(node, out var held) && time.GetElapsedTime(held.Made) < QueriesClientLifetime) return held.Client;
        var http = clients.CreateClient(QueriesClientName);
        http.BaseAddress = node.Connection.Endpoint;
        var client = new OllamaApiClient(http);
        _queries[node] = (client, time.GetTimestamp());
        return client;
    }

    /// <summary>IHttpClientFactory's default handler lifetime.</summary>
    internal static readonly TimeSpan QueriesClientLifetime = TimeSpan.FromMinutes(2);
}
