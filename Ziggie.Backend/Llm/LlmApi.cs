using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OllamaSharp.Models;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Llm;

public static class LlmApi
{
    public static IEndpointRouteBuilder MapLlmApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/llm").WithTags("LLM");

        api.MapGet("", GetInfo);
        api.MapGet("/status", GetStatus);
        api.MapGet("/models", GetModels);
        api.MapPost("/generate", Generate)
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        api.MapPost("/chat", Chat)
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        return app;
    }

    public static Ok<LlmInfo> GetInfo(OllamaConnection ollama) => TypedResults.Ok(new LlmInfo(
        "Ziggie LLM API",
        ServiceDefaults.HealthEndpoints.Version,
        ollama.Endpoint.ToString(),
        new Dictionary<string, string>
        {
            ["status"] = "GET /api/llm/status",
            ["models"] = "GET /api/llm/models",
            ["generate"] = "POST /api/llm/generate",
            ["chat"] = "POST /api/llm/chat",
        }));

    /// <summary>Always 200: the answer itself says whether Ollama is online, degraded or offline, and why.</summary>
    public static async Task<Ok<LlmStatus>> GetStatus(OllamaStatusProbe probe, CancellationToken cancellationToken) =>
        TypedResults.Ok(await probe.CheckAsync(cancellationToken));

    public static async Task<Results<Ok<ModelList>, ProblemHttpResult>> GetModels(
        IOllamaApiClient client, OllamaConnection ollama, IOptions<LlmOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.QueryTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var models = await client.ListLocalModelsAsync(timeout.Token);
            return TypedResults.Ok(new ModelList(models.ToArray()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return OllamaFailure.QueryTimedOut(ollama.Endpoint, limit);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } code)
        {
            return OllamaFailure.UpstreamError((int)code, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return OllamaFailure.Unreachable(ollama.Endpoint, ex);
        }
    }

    public static Task<IResult> Generate(GenerateBody body, OllamaRelay relay, HttpContext http) =>
        relay.ForwardAsync(new OllamaCall("api/generate", body.ToOllama(), body.Model, body.Stream), http);

    public static Task<IResult> Chat(ChatBody body, OllamaRelay relay, HttpContext http) =>
        relay.ForwardAsync(new OllamaCall("api/chat", body.ToOllama(), body.Model, body.Stream), http);
}

public sealed record LlmInfo(string Service, string Version, string OllamaUrl, IReadOnlyDictionary<string, string> Endpoints);

/// <summary>Ollama's <c>/api/tags</c> list, field for field.</summary>
public sealed record ModelList(IReadOnlyList<Model> Models);
