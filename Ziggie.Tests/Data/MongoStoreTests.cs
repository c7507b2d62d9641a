using MongoDB.Bson;
using MongoDB.Driver;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Data;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Usage;

namespace Ziggie.Tests.Data;

/// <summary>The Mongo stores against a real server (see <see cref="MongoServerFixture"/>).</summary>
public class MongoStoreTests(MongoServerFixture mongo) : IClassFixture<MongoServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<IMongoDatabase> DatabaseWithIndexesAsync()
    {
        var database = mongo.NewDatabase();
        await MongoIndexes.CreateAllAsync(database, Cancel);
        await MongoIndexes.CreateAllAsync(database, Cancel); // idempotent: a second start changes nothing
        return database;
    }

    [Fact]
    public async Task A_taken_username_is_refused_by_the_unique_index_whatever_its_case()
    {
        var users = new MongoUserStore(await DatabaseWithIndexesAsync());
        await users.CreateAsync(new UserDocument { Username = UserDocument.Normalize("Alice"), Role = Roles.User, PasswordHash = "x" }, Cancel);

        await Assert.ThrowsAsync<DuplicateUsernameException>(() =>
            users.CreateAsync(new UserDocument { Username = UserDocument.Normalize("ALICE"), Role = Roles.Admin, PasswordHash = "y" }, Cancel));
        Assert.Equal(Roles.User, (await users.FindByUsernameAsync("alice", Cancel))!.Role);
    }

    [Fact]
    public async Task Conversations_belong_to_their_owner_and_take_their_messages_along_when_deleted()
    {
        var store = new MongoConversationStore(await DatabaseWithIndexesAsync());
        var (owner, stranger) = (ObjectId.GenerateNewId(), ObjectId.GenerateNewId());
        var conversation = new ConversationDocument { UserId = owner, Title = "Chat" };
        await store.CreateAsync(conversation, Cancel);
        var start = DateTime.UtcNow;
        await store.AppendAsync(new MessageDocument { ConversationId = conversation.Id, Role = "user", Content = "first", CreatedAt = start }, Cancel);
        await store.AppendAsync(new MessageDocument { ConversationId = conversation.Id, Role = "assistant", Content = "second", CreatedAt = start.AddSeconds(1) }, Cancel);

        Assert.Null(await store.GetAsync(stranger, conversation.Id, Cancel));
        Assert.Null(await store.RenameAsync(stranger, conversation.Id, "Hacked", Cancel));
        Assert.False(await store.DeleteAsync(stranger, conversation.Id, Cancel));
        Assert.Equal(["first", "second"], (await store.GetMessagesAsync(conversation.Id, Cancel)).Select(m => m.Content));
        Assert.Equal(2, (await store.GetAsync(owner, conversation.Id, Cancel))!.MessageCount);

        Assert.True(await store.DeleteAsync(owner, conversation.Id, Cancel));
        Assert.Empty(await store.GetMessagesAsync(conversation.Id, Cancel));
    }

    [Fact]
    public async Task The_usage_summary_sums_per_model_for_one_user()
    {
        var log = new MongoGenerationLog(await DatabaseWithIndexesAsync());
        var (me, someone) = (ObjectId.GenerateNewId(), ObjectId.GenerateNewId());
        GenerationDocument Entry(ObjectId user, string model, string outcome, int tokens) =>
            new() { UserId = user, Username = "u", Kind = "generate", Model = model, Outcome = outcome, CompletionTokens = tokens, DurationMs = 10 };
        await log.RecordAsync(Entry(me, "llama3.2", CallResult.Completed, 5), Cancel);
        await log.RecordAsync(Entry(me, "llama3.2", CallResult.Interrupted, 2), Cancel);
        await log.RecordAsync(Entry(me, "qwen2.5:0.5b", CallResult.Failed, 0), Cancel);
        await log.RecordAsync(Entry(someone, "llama3.2", CallResult.Completed, 100), Cancel);

        var mine = await log.SummarizeAsync(me, Cancel);

        Assert.Equal(
            [new ModelUsage("llama3.2", 2, 1, 1, 0, 0, 7, 20), new ModelUsage("qwen2.5:0.5b", 1, 0, 0, 1, 0, 0, 10)],
            mine);
        Assert.Equal(4, (await log.SummarizeAsync(null, Cancel)).Sum(u => u.Requests));
    }
}
