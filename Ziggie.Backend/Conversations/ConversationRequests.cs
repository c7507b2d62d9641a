using System.ComponentModel.DataAnnotations;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Conversations;

public sealed record CreateConversationBody([StringLength(200)] string? Title = null, [ModelName] string? Model = null);

public sealed record RenameConversationBody([Required, StringLength(200, MinimumLength = 1)] string Title);

public sealed record ConversationView(string Id, string Title, string? Model, DateTime CreatedAt, DateTime UpdatedAt, int MessageCount)
{
    public static ConversationView From(ConversationDocument c) => new(c.Id.ToString(), c.Title, c.Model, c.CreatedAt, c.UpdatedAt, c.MessageCount);
}

public sealed record MessageView(string Id, string Role, string Content, string Status, string? Model, string? Error, DateTime CreatedAt)
{
    public static MessageView From(MessageDocument m) => new(m.Id.ToString(), m.Role, m.Content, m.Status, m.Model, m.Error, m.CreatedAt);
}

public sealed record ConversationWithMessages(ConversationView Conversation, IReadOnlyList<MessageView> Messages);
