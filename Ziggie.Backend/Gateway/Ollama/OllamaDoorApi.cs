using System.Text.Json.Nodes;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Security;
using Ziggie.Backend.Usage;

namespace Ziggie.Backend.Gateway.Ollama;

/// <summary>
/// Ollama's own API at <c>/ollama/</c>, for Ollama's clients (ollama-python, ollama-js, OllamaSharp, Open WebUI):
/// the same routes, bodies, NDJSON streams and <c>{"error":"..."}</c> answers, behind Ziggie's sign-in, roles,
/// limits and usage log. Generate and chat go through the same relay as Ziggie's own routes.
/// Left out of Ziggie's OpenAPI document: Ollama's docs/api.md describes this API.
/// </summary>
public static class OllamaDoorApi
{
    public static IEndpointRouteBuilder MapOllamaDoor(this IEndpointRouteBuilder app)
    {
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        var door = app.MapGroup(GatewayDoors.OllamaPrefix).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();

        // What clients probe before anything else; it says nothing about models or users.
        door.MapMethods("/", getOrHead, () => TypedResults.Text("Ollama is running")).AllowAnonymous();
        door.MapMethods("/api/version", getOrHead, OllamaPassOn.Version).AllowAnonymous();

        door.MapMethods("/api/tags", getOrHead, OllamaPassOn.Tags);
        door.MapGet("/api/ps", OllamaPassOn.Running);
        door.MapPost("/api/show", OllamaPassOn.Show);

        var generation = door.MapGroup("")
            .RequireAuthorization(Policies.Writer)
            .RequireRateLimiting(RateLimits.Generation)
            .AddEndpointFilter<QuotaFilter>()
            .AddEndpointFilter<GenerationSlotFilter>();
        generation.MapPost("/api/generate", Generate);
        generation.MapPost("/api/chat", Chat);
        generation.MapPost("/api/embed", OllamaEmbed.Embed);
        generation.MapPost("/api/embeddings", OllamaEmbed.Embeddings);

        // They change Ollama's model store for every user.
        var manage = door.MapGroup("").RequireAuthorization(Policies.Admin);
        manage.MapPost("/api/pull", OllamaModelStore.Pull);
        manage.MapDelete("/api/delete", OllamaModelStore.Delete);
        manage.MapPost("/api/copy", OllamaModelStore.Copy);

        door.MapPost("/api/create", NotOffered);
        door.MapPost("/api/push", NotOffered);
        door.MapMethods("/api/blobs/{digest}", [HttpMethods.Head, HttpMethods.Post], NotOffered);
        return app;
    }

    public static Task<IResult> Generate(HttpContext http, OllamaRelay relay, GenerationRecorder recorder) =>
        RelayAsync(http, relay, recorder, OllamaOperation.Generate);

    public static Task<IResult> Chat(HttpContext http, OllamaRelay relay, GenerationRecorder recorder) =>
        RelayAsync(http, relay, recorder, OllamaOperation.Chat);

    public static IResult NotOffered(HttpContext http) => TypedResults.Problem(
        title: "Not offered through Ziggie",
        detail: $"Ziggie does not offer {http.Request.Path.Value?[GatewayDoors.OllamaPrefix.Length..]} (create, push and blobs change models outside its control). " +
                "Run it on the Ollama host itself (ollama create / ollama push), or pull a published model with /api/pull as an admin.",
        statusCode: StatusCodes.Status501NotImplemented);

    private static async Task<IResult> RelayAsync(HttpContext http, OllamaRelay relay, GenerationRecorder recorder, OllamaOperation operation)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        if (DoorBody.Model(body!, out var model) is { } invalid) return invalid;

        var stream = DoorBody.Flag(body!, "stream") ?? true; // Ollama streams unless told not to
        body!["stream"] = true; // upstream always streams: the relay's time limits and cancellation need the lines
        var call = new OllamaCall(operation, body, model, stream)
        {
            Temperature = DoorBody.Number(body["options"]?["temperature"]),
            MaxTokens = DoorBody.Number(body["options"]?["num_predict"]) is { } limit ? (int)limit : null,
        };
        var kind = operation == OllamaOperation.Chat ? "chat" : "generate";
        var usage = recorder.Begin(http, http.Caller(), kind, model, PromptChars(body, operation));
        var (response, result) = await relay.ForwardAsync(call, http);
        await recorder.FinishAsync(usage, result);
        return response;
    }

    private static int PromptChars(JsonObject body, OllamaOperation operation) => operation == OllamaOperation.Chat
        ? (body["messages"] as JsonArray)?.Sum(m => m is JsonObject message ? DoorBody.Text(message, "content")?.Length ?? 0 : 0) ?? 0
        : (DoorBody.Text(body, "prompt")?.Length ?? 0) + (DoorBody.Text(body, "system")?.Length ?? 0);
}
