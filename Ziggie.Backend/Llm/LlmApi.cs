using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Orchestration;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Security;
using Ziggie.Backend.Shared;
using Ziggie.Backend.Usage;

namespace Ziggie.Backend.Llm;

public static class LlmApi
{
    public static IEndpointRouteBuilder MapLlmApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/llm").WithTags("LLM").RequireAuthorization(Policies.SignedIn);

        api.MapGet("", GetInfo).AllowAnonymous();
        api.MapGet("/status", GetStatus).AllowAnonymous();

        var generation = api.MapGroup("")
            .RequireAuthorization(Policies.Writer)
            .RequireRateLimiting(RateLimits.Generation)
            .AddEndpointFilter<QuotaFilter>()
            .AddEndpointFilter<GenerationSlotFilter>();
        generation.MapPost("/generate", Generate)
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        generation.MapPost("/chat", Chat)
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
        ollama.Shown,
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
        OllamaStatusProbe probe, ModelCatalog catalog, PullTracker pulls, SharedStore state, IOptions<LlmOptions> options,
        CancellationToken cancellationToken)
    {
        var status = await probe.CheckAsync(cancellationToken);
        var models = status.Status == LlmStatus.Online
            ? await catalog.TryListNamesAsync(options.Value.StatusTimeout, cancellationToken)
            : null;
        return TypedResults.Ok(status with { Models = models, Pulls = await pulls.SnapshotAsync(), State = state.Describe() });
    }

    public static async Task<IResult> Generate(GenerateBody body, HttpContext http, OllamaRelay relay, GenerationRecorder recorder)
    {
        var usage = recorder.Begin(http, http.Caller(), "generate", body.Model, body.Prompt.Length);
        var call = new OllamaCall(OllamaOperation.Generate, body.ToOllama(), body.Model, body.Stream) { Temperature = body.Temperature, MaxTokens = body.MaxTokens };
        var (response, result) = await relay.ForwardAsync(call, http);
        await recorder.FinishAsync(usage, result);
        return response;
    }

    /// <summary>With a <c>conversation_id</c>, the question and the answer are kept in that conversation.</summary>
    public static async Task<IResult> Chat(ChatBody body, HttpContext http, OllamaRelay relay, GenerationRecorder recorder, ChatHistory history)
    {
        var caller = http.Caller();
        ConversationDocument? conversation = null;
        if (body.ConversationId is { } id
            && (conversation = await history.BeginAsync(caller, ObjectId.Parse(id), body, http.RequestAborted)) is null)
        {
            return ConversationsApi.NotFound(id);
        }

        var usage = recorder.Begin(http, caller, "chat", body.Model, body.Messages.Sum(m => m.Content.Length));
        var call = new OllamaCall(OllamaOperation.Chat, body.ToOllama(), body.Model, body.Stream)
        {
            Temperature = body.Temperature,
            MaxTokens = body.MaxTokens,
            KeepText = conversation is not null,
        };
        var (response, result) = await relay.ForwardAsync(call, http);
        await recorder.FinishAsync(usage, result);
        if (conversation is not null) await history.FinishAsync(conversation, body.Model, result);
        return response;
    }
}

public sealed record LlmInfo(string Service, string Version, string OllamaUrl, IReadOnlyDictionary<string, string> Endpoints);
