using System.Text.Json.Nodes;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Gateway;

/// <summary>
/// One short call through to Ollama that the doors answer from Ollama's whole body (tags, ps, show, version,
/// copy, embed): under one time limit, with "no answer" and "too slow" as ProblemDetails and everything Ollama
/// answered, error statuses included, kept as it came.
/// </summary>
public sealed record OllamaPassage(int Status, string? ContentType, byte[] Body, IResult? Problem, CallEnd? Failure)
{
    public bool IsSuccess => Problem is null && Status is >= 200 and < 300;

    public static async Task<OllamaPassage> SendAsync(
        OllamaClient ollama, OllamaNode node, HttpContext http, HttpMethod method, string path, JsonNode? body, bool readOnly, TimeSpan limit)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(limit);
        try
        {
            using var upstream = await ollama.PassOnAsync(node, method, path, body, readOnly, timeout.Token);
            var bytes = await upstream.Content.ReadAsByteArrayAsync(timeout.Token);
            return new((int)upstream.StatusCode, upstream.Content.Headers.ContentType?.ToString(), bytes, null, null);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return new(0, null, [], TypedResults.Empty, CallEnd.CallerLeft);
        }
        catch (OperationCanceledException)
        {
            return new(0, null, [], OllamaFailure.QueryTimedOut(node.Shown, limit), CallEnd.TimedOut);
        }
        catch (HttpRequestException ex)
        {
            return new(0, null, [], OllamaFailure.Unreachable(node.Shown, ex), CallEnd.Broken);
        }
    }

    /// <summary>Ollama's answer to the caller as it came: status, content type and body.</summary>
    public IResult AsIs() => Problem ?? new PassedOn(this);

    private sealed class PassedOn(OllamaPassage passage) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = passage.Status;
            if (passage.ContentType is { } type) response.ContentType = type;
            // A HEAD answer has no body to measure: its length would be the GET's, which Ollama did not send.
            if (!HttpMethods.IsHead(httpContext.Request.Method)) response.ContentLength = passage.Body.Length;
            return response.Body.WriteAsync(passage.Body, httpContext.RequestAborted).AsTask();
        }
    }
}
