using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Llm;

public static class LlmApi
{
    public static IEndpointRouteBuilder MapLlmApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/llm").WithTags("LLM");

        api.MapGet("", GetInfo);
        api.MapGet("/status", GetStatus);
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
        api.MapModelsApi();

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
            ["model"] = "GET /api/llm/models/{name}",
            ["pull"] = "POST /api/llm/models/pull",
            ["delete"] = "DELETE /api/llm/models/{name}",
            ["generate"] = "POST /api/llm/generate",
            ["chat"] = "POST /api/llm/chat",
        }));

    /// <summary>
    /// Always 200: the answer itself says whether Ollama is online, degraded or offline, and why; with the
    /// models Ollama has (from the cached list) and the pulls running through this backend.
    /// </summary>
    public static async Task<Ok<LlmStatus>> GetStatus(
        OllamaStatusProbe probe, ModelCatalog catalog, PullTracker pulls, IOptions<LlmOptions> options, CancellationToken cancellationToken)
    {
        var status = await probe.CheckAsync(cancellationToken);
        var models = status.Status == LlmStatus.Online
            ? await catalog.TryListNamesAsync(options.Value.StatusTimeout, cancellationToken)
            : null;
        return TypedResults.Ok(status with { Models = models, Pulls = pulls.Snapshot() });
    }

    public static Task<IResult> Generate(GenerateBody body, OllamaRelay relay, HttpContext http) =>
        relay.ForwardAsync(new OllamaCall(OllamaOperation.Generate, body.ToOllama(), body.Model, body.Stream)
        {
            Temperature = body.Temperature,
            MaxTokens = body.MaxTokens,
        }, http);

    public static Task<IResult> Chat(ChatBody body, OllamaRelay relay, HttpContext http) =>
        relay.ForwardAsync(new OllamaCall(OllamaOperation.Chat, body.ToOllama(), body.Model, body.Stream)
        {
            Temperature = body.Temperature,
            MaxTokens = body.MaxTokens,
        }, http);
}

public sealed record LlmInfo(string Service, string Version, string OllamaUrl, IReadOnlyDictionary<string, string> Endpoints);
