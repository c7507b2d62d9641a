using Ziggie.Backend.Auth;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Security;
using Ziggie.Backend.Usage;

namespace Ziggie.Backend.Gateway.OpenAi;

/// <summary>
/// The OpenAI-compatible API at <c>/v1/</c>, for OpenAI's SDKs and the tools built on them. Translated from
/// Ollama's native API inside Ziggie rather than passed on to Ollama's own <c>/v1</c>: one upstream protocol and
/// one relay for every door, token counts from Ollama's <c>prompt_eval_count</c>/<c>eval_count</c>, and one place
/// where a node is chosen (docs/gateway.md). Left out of Ziggie's OpenAPI document: OpenAI's reference describes it.
/// </summary>
public static class OpenAiDoorApi
{
    public static IEndpointRouteBuilder MapOpenAiDoor(this IEndpointRouteBuilder app)
    {
        var door = app.MapGroup(GatewayDoors.OpenAiPrefix).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        door.MapGet("/models", OpenAiModels.List);
        door.MapGet("/models/{*model}", OpenAiModels.Find);

        var generation = door.MapGroup("")
            .RequireAuthorization(Policies.Writer)
            .RequireRateLimiting(RateLimits.Generation)
            .AddEndpointFilter<QuotaFilter>()
            .AddEndpointFilter<GenerationSlotFilter>();
        generation.MapPost("/chat/completions", ChatCompletions);
        generation.MapPost("/completions", Completions);
        generation.MapPost("/embeddings", OpenAiEmbeddings.Create);
        return app;
    }

    public static Task<IResult> ChatCompletions(HttpContext http, OllamaRelay relay, GenerationRecorder recorder) =>
        RelayAsync(http, relay, recorder, OpenAiShape.Chat);

    public static Task<IResult> Completions(HttpContext http, OllamaRelay relay, GenerationRecorder recorder) =>
        RelayAsync(http, relay, recorder, OpenAiShape.Completion);

    private static async Task<IResult> RelayAsync(HttpContext http, OllamaRelay relay, GenerationRecorder recorder, OpenAiShape shape)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        var (translated, invalid) = shape == OpenAiShape.Chat ? OpenAiRequests.Chat(body!) : OpenAiRequests.Completion(body!);
        if (invalid is not null) return invalid;

        var t = translated!;
        var operation = shape == OpenAiShape.Chat ? OllamaOperation.Chat : OllamaOperation.Generate;
        var call = new OllamaCall(operation, t.Ollama, t.Model, t.Stream)
        {
            Temperature = t.Temperature,
            MaxTokens = t.MaxTokens,
            Framing = new OpenAiFraming(shape, t.Model, t.IncludeUsage),
        };
        var usage = recorder.Begin(http, http.Caller(), shape == OpenAiShape.Chat ? "chat" : "generate", t.Model, t.PromptChars);
        var (response, result) = await relay.ForwardAsync(call, http);
        await recorder.FinishAsync(usage, result);
        return response;
    }
}
