using Microsoft.AspNetCore.Http.HttpResults;
using MongoDB.Bson;
using Ziggie.Backend.Api;
using Ziggie.Backend.Auth;

namespace Ziggie.Backend.Conversations;

/// <summary><c>/api/conversations</c>: a user's chat history. Another user's conversation answers 404.</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization(Policies.SignedIn);

        api.MapGet("", List);
        api.MapPost("", Create).RequireAuthorization(Policies.Writer);
        api.MapGet("/{id}", Get);
        api.MapPatch("/{id}", Rename).RequireAuthorization(Policies.Writer);
        api.MapDelete("/{id}", Delete).RequireAuthorization(Policies.Writer);
        return app;
    }

    public static async Task<Ok<ConversationView[]>> List(HttpContext http, IConversationStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(http.Caller().Id, cancellationToken)).Select(ConversationView.From).ToArray());

    public static async Task<Created<ConversationView>> Create(
        CreateConversationBody body, HttpContext http, IConversationStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var conversation = new ConversationDocument
        {
            UserId = http.Caller().Id,
            Title = string.IsNullOrWhiteSpace(body.Title) ? "New chat" : body.Title.Trim(),
            Model = body.Model,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.CreateAsync(conversation, cancellationToken);
        return TypedResults.Created($"/api/conversations/{conversation.Id}", ConversationView.From(conversation));
    }

    public static async Task<Results<Ok<ConversationWithMessages>, ProblemHttpResult>> Get(
        string id, HttpContext http, IConversationStore store, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(id, out var objectId)) return InvalidId.Problem(id);
        if (await store.GetAsync(http.Caller().Id, objectId, cancellationToken) is not { } conversation) return NotFound(id);

        var messages = await store.GetMessagesAsync(conversation.Id, cancellationToken);
        return TypedResults.Ok(new ConversationWithMessages(ConversationView.From(conversation), messages.Select(MessageView.From).ToArray()));
    }

    public static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> Rename(
        string id, RenameConversationBody body, HttpContext http, IConversationStore store, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(id, out var objectId)) return InvalidId.Problem(id);
        return await store.RenameAsync(http.Caller().Id, objectId, body.Title.Trim(), cancellationToken) is { } renamed
            ? TypedResults.Ok(ConversationView.From(renamed))
            : NotFound(id);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, HttpContext http, IConversationStore store, CancellationToken cancellationToken)
    {
        if (!ObjectId.TryParse(id, out var objectId)) return InvalidId.Problem(id);
        return await store.DeleteAsync(http.Caller().Id, objectId, cancellationToken) ? TypedResults.NoContent() : NotFound(id);
    }

    internal static ProblemHttpResult NotFound(string id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Conversation not found", detail: $"You have no conversation {id}. GET /api/conversations lists yours.");
}
