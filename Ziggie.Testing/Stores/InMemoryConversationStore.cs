using System.Collections.Concurrent;
using MongoDB.Bson;
using Ziggie.Backend.Conversations;

namespace Ziggie.Testing.Stores;

/// <summary>Behaves like <see cref="MongoConversationStore"/>, and lets a test wait for a message to be stored.</summary>
public sealed class InMemoryConversationStore(MongoSwitch mongo) : IConversationStore
{
    readonly ConcurrentDictionary<ObjectId, ConversationDocument> conversations = new();
    readonly ConcurrentQueue<MessageDocument> messages = new();
    readonly Lock writes = new();
    event Action? Appended;

    public IReadOnlyList<MessageDocument> AllMessages => messages.ToList();

    public Task<IReadOnlyList<ConversationDocument>> ListAsync(ObjectId userId, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult<IReadOnlyList<ConversationDocument>>(
            conversations.Values.Where(c => c.UserId == userId).OrderByDescending(c => c.UpdatedAt).ToList());
    }

    public Task CreateAsync(ConversationDocument conversation, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        conversations[conversation.Id] = conversation;
        return Task.CompletedTask;
    }

    public Task<ConversationDocument?> GetAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult(conversations.TryGetValue(id, out var c) && c.UserId == userId ? c : null);
    }

    public Task<IReadOnlyList<MessageDocument>> GetMessagesAsync(ObjectId conversationId, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult<IReadOnlyList<MessageDocument>>(
            messages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList());
    }

    public Task<ConversationDocument?> RenameAsync(ObjectId userId, ObjectId id, string title, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        lock (writes)
        {
            if (!conversations.TryGetValue(id, out var c) || c.UserId != userId) return Task.FromResult<ConversationDocument?>(null);
            return Task.FromResult<ConversationDocument?>(conversations[id] = c with { Title = title });
        }
    }

    public Task<bool> DeleteAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        lock (writes)
        {
            if (!conversations.TryGetValue(id, out var c) || c.UserId != userId) return Task.FromResult(false);
            conversations.TryRemove(id, out _);
            var kept = messages.Where(m => m.ConversationId != id).ToList();
            messages.Clear();
            foreach (var m in kept) messages.Enqueue(m);
            return Task.FromResult(true);
        }
    }

    public Task AppendAsync(MessageDocument message, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        lock (writes)
        {
            messages.Enqueue(message);
            if (conversations.TryGetValue(message.ConversationId, out var c))
            {
                conversations[c.Id] = c with { MessageCount = c.MessageCount + 1, UpdatedAt = c.UpdatedAt > message.CreatedAt ? c.UpdatedAt : message.CreatedAt };
            }
        }

        Appended?.Invoke();
        return Task.CompletedTask;
    }

    /// <summary>Completes once a stored message matches, including one stored before the call.</summary>
    public Task<MessageDocument> WaitForMessageAsync(Func<MessageDocument, bool> match)
    {
        var found = new TaskCompletionSource<MessageDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (messages.FirstOrDefault(match) is { } m) found.TrySetResult(m);
        }

        Appended += Check;
        Check();
        return found.Task;
    }
}
