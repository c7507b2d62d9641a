using System.Collections.Concurrent;
using MongoDB.Bson;
using Ziggie.Backend.Conversations;

namespace Ziggie.Testing.Stores;

/// <summary>Behaves like <see cref="MongoConversationStore"/>, and lets a test wait for a message to be stored.</summary>
public sealed class InMemoryConversationStore(MongoSwitch mongo) : IConversationStore
{
    private readonly ConcurrentDictionary<ObjectId, ConversationDocument> _conversations = new();
    private readonly ConcurrentQueue<MessageDocument> _messages = new();
    private readonly Lock _writes = new();
    private event Action? Appended;

    public IReadOnlyList<MessageDocument> AllMessages => _messages.ToList();

    public Task<IReadOnlyList<ConversationDocument>> ListAsync(ObjectId userId, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult<IReadOnlyList<ConversationDocument>>(
            _conversations.Values.Where(c => c.UserId == userId).OrderByDescending(c => c.UpdatedAt).ToList());
    }

    public Task CreateAsync(ConversationDocument conversation, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        _conversations[conversation.Id] = conversation;
        return Task.CompletedTask;
    }

    public Task<ConversationDocument?> GetAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult(_conversations.TryGetValue(id, out var c) && c.UserId == userId ? c : null);
    }

    public Task<IReadOnlyList<MessageDocument>> GetMessagesAsync(ObjectId conversationId, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        return Task.FromResult<IReadOnlyList<MessageDocument>>(
            _messages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList());
    }

    public Task<ConversationDocument?> RenameAsync(ObjectId userId, ObjectId id, string title, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        lock (_writes)
        {
            if (!_conversations.TryGetValue(id, out var c) || c.UserId != userId) return Task.FromResult<ConversationDocument?>(null);
            return Task.FromResult<ConversationDocument?>(_conversations[id] = c with { Title = title });
        }
    }

    public Task<bool> DeleteAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        lock (_writes)
        {
            if (!_conversations.TryGetValue(id, out var c) || c.UserId != userId) return Task.FromResult(false);
            _conversations.TryRemove(id, out _);
            var kept = _messages.Where(m => m.ConversationId != id).ToList();
            _messages.Clear();
            foreach (var m in kept) _messages.Enqueue(m);
            return Task.FromResult(true);
        }
    }

    public Task AppendAsync(MessageDocument message, CancellationToken cancellationToken)
    {
        mongo.ThrowIfDown();
        lock (_writes)
        {
            _messages.Enqueue(message);
            if (_conversations.TryGetValue(message.ConversationId, out var c))
            {
                _conversations[c.Id] = c with { MessageCount = c.MessageCount + 1, UpdatedAt = c.UpdatedAt > message.CreatedAt ? c.UpdatedAt : message.CreatedAt };
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
            if (_messages.FirstOrDefault(match) is { } m) found.TrySetResult(m);
        }

        Appended += Check;
        Check();
        return found.Task;
    }
}
