using System.Net;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Usage;

namespace Ziggie.Tests.Doubles;

/// <summary>Stores whose every call fails as the driver does when MongoDB is down: with its connection exception.</summary>
public sealed class UnreachableMongo : IUserStore, IConversationStore, IGenerationLog
{
    static MongoConnectionException Down() => new(
        new ConnectionId(new ServerId(new ClusterId(), new DnsEndPoint("127.0.0.1", 1))),
        "An exception occurred while opening a connection to the server.");

    public bool IsAvailable => false;

    public Task<UserDocument?> FindByUsernameAsync(string username, CancellationToken cancellationToken) => throw Down();
    public Task<UserDocument?> FindByIdAsync(ObjectId id, CancellationToken cancellationToken) => throw Down();
    public Task<IReadOnlyList<UserDocument>> ListAsync(CancellationToken cancellationToken) => throw Down();
    public Task CreateAsync(UserDocument user, CancellationToken cancellationToken) => throw Down();
    public Task<bool> ReplaceAsync(UserDocument user, CancellationToken cancellationToken) => throw Down();
    public Task<bool> DeleteAsync(ObjectId id, CancellationToken cancellationToken) => throw Down();
    public Task SetLastLoginAsync(ObjectId id, DateTime when, CancellationToken cancellationToken) => throw Down();
    public Task<UserStats> CountAsync(CancellationToken cancellationToken) => throw Down();

    public Task<IReadOnlyList<ConversationDocument>> ListAsync(ObjectId userId, CancellationToken cancellationToken) => throw Down();
    public Task CreateAsync(ConversationDocument conversation, CancellationToken cancellationToken) => throw Down();
    public Task<ConversationDocument?> GetAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken) => throw Down();
    public Task<IReadOnlyList<MessageDocument>> GetMessagesAsync(ObjectId conversationId, CancellationToken cancellationToken) => throw Down();
    public Task<ConversationDocument?> RenameAsync(ObjectId userId, ObjectId id, string title, CancellationToken cancellationToken) => throw Down();
    public Task<bool> DeleteAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken) => throw Down();
    public Task AppendAsync(MessageDocument message, CancellationToken cancellationToken) => throw Down();

    public Task RecordAsync(GenerationDocument generation, CancellationToken cancellationToken) => throw Down();
    public Task<IReadOnlyList<ModelUsage>> SummarizeAsync(ObjectId? userId, CancellationToken cancellationToken) => throw Down();
}
