using MongoDB.Bson;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Conversations;

/// <summary>
/// Keeps a chat that names a <c>conversation_id</c>: the user's message before the call, the answer
/// after it. An answer cut short is kept and marked <see cref="MessageStatus.Interrupted"/>.
/// </summary>
public sealed class ChatHistory(IConversationStore store, TimeProvider time)
{
    /// <summary>The caller's conversation, with their newest message stored; null when they have no such conversation.</summary>
    public async Task<ConversationDocument?> BeginAsync(CurrentUser caller, ObjectId conversationId, ChatBody body, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(caller.Id, conversationId, cancellationToken) is not { } conversation)
        {
            return null;
        }

        if (body.Messages[^1] is { Role: "user" } question)
        {
            await store.AppendAsync(new MessageDocument
            {
                ConversationId = conversation.Id,
                Role = question.Role,
                Content = question.Content,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            }, cancellationToken);
        }

        return conversation;
    }

    public Task FinishAsync(ConversationDocument conversation, string model, CallResult outcome)
    {
        if (outcome.Outcome == CallResult.Failed)
        {
            return Task.CompletedTask; // No answer began; the caller got an error to act on.
        }

        // Not the request's token: an answer whose reader left is still kept, marked interrupted.
        return store.AppendAsync(new MessageDocument
        {
            ConversationId = conversation.Id,
            Role = "assistant",
            Content = outcome.Text,
            Status = outcome.End == CallEnd.Completed ? MessageStatus.Complete : MessageStatus.Interrupted,
            Error = outcome.Error,
            Model = model,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        }, CancellationToken.None);
    }
}
