using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using OllamaSharp;
using OllamaSharp.Models;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Orchestration;
using Ziggie.Backend.Security;
using Ziggie.Backend.Usage;

namespace Ziggie.Backend.Llm;

public static class LlmApi
{
    public static IEndpointRouteBuilder MapLlmApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/llm").WithTags("LLM").RequireAuthorization(Policies.SignedIn);

        api.MapGet("", GetInfo).AllowAnonymous();
        api.MapGet("/status", GetStatus).AllowAnonymous();
        api.MapGet("/models", GetModels);

        var generation = api.MapGroup("")
            .RequireAuthorization(Policies.Writer)
            .RequireRateLimiting(RateLimits.Generation)
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

    public static async Task<IResult> Generate(GenerateBody body, HttpContext http, OllamaRelay relay, GenerationRecorder recorder)
    {
        var usage = recorder.Begin(http, http.Caller(), "generate", body.Model, body.Prompt.Length);
        var outcome = new RelayOutcome(captureText: !body.Stream);
        var result = await relay.ForwardAsync(new OllamaCall("api/generate", body.ToOllama(), body.Model, body.Stream), http, outcome);
        await recorder.FinishAsync(usage, outcome);
        return result;
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
        var outcome = new RelayOutcome(captureText: conversation is not null || !body.Stream);
        var result = await relay.ForwardAsync(new OllamaCall("api/chat", body.ToOllama(), body.Model, body.Stream), http, outcome);
        await recorder.FinishAsync(usage, outcome);
        if (conversation is not null) await history.FinishAsync(conversation, body.Model, outcome);
        return result;
    }
}

public sealed record LlmInfo(string Service, string Version, string OllamaUrl, IReadOnlyDictionary<string, string> Endpoints);

/// <summary>Ollama's <c>/api/tags</c> list, field for field.</summary>
public sealed record ModelList(IReadOnlyList<Model> Models);
