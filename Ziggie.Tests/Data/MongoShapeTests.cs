using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Data;
using Ziggie.Backend.Usage;

namespace Ziggie.Tests.Data;

/// <summary>What the stores send to MongoDB, checked without a server: filters, updates, indexes and documents as BSON.</summary>
public class MongoShapeTests
{
    private static BsonDocument Render<T>(FilterDefinition<T> filter) =>
        filter.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry));

    private static BsonValue Render<T>(UpdateDefinition<T> update) =>
        update.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry));

    [Fact]
    public void Usernames_are_looked_up_lower_case_so_the_unique_index_ignores_case() =>
        Assert.Equal(new BsonDocument("username", "alice"), Render(MongoUserStore.ByUsername("  Alice ")));

    [Fact]
    public void A_conversation_is_only_ever_found_together_with_its_owner()
    {
        var (user, id) = (ObjectId.GenerateNewId(), ObjectId.GenerateNewId());

        Assert.Equal(new BsonDocument { { "_id", id }, { "user_id", user } }, Render(MongoConversationStore.Owned(user, id)));
    }

    [Fact]
    public void Appending_a_message_counts_it_and_never_moves_the_updated_time_back()
    {
        var when = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

        var update = Render(MongoConversationStore.Appended(when)).AsBsonDocument;

        Assert.Equal(new BsonDocument("message_count", 1), update["$inc"]);
        Assert.Equal(new BsonDocument("updated_at", when), update["$max"]);
    }

    [Fact]
    public void The_usage_summary_filters_by_user_before_grouping_by_model()
    {
        var collection = new MongoClient("mongodb://127.0.0.1:1").GetDatabase("ziggie").GetCollection<GenerationDocument>("generations");
        var user = ObjectId.GenerateNewId();

        // Each stage renders against the output of the one before it, as the server would run them.
        IBsonSerializer input = BsonSerializer.LookupSerializer<GenerationDocument>();
        var stages = new List<BsonDocument>();
        foreach (var stage in MongoGenerationLog.Summary(collection.Aggregate(), user).Stages)
        {
            var rendered = stage.Render(input, BsonSerializer.SerializerRegistry);
            stages.AddRange(rendered.Documents);
            input = rendered.OutputSerializer;
        }

        Assert.Equal(new BsonDocument("$match", new BsonDocument("user_id", user)), stages[0]);
        Assert.Equal("$model", stages.Single(s => s.Contains("$group"))["$group"]["_id"]);
        Assert.Contains("$sort", stages[^1].Names);
    }

    [Fact]
    public void The_indexes_match_the_queries()
    {
        Assert.True(MongoIndexes.UniqueUsername.Options.Unique);
        Assert.Equal(new BsonDocument("username", 1), RenderKeys(MongoIndexes.UniqueUsername.Keys));
        Assert.Equal(new BsonDocument { { "user_id", 1 }, { "updated_at", -1 } }, RenderKeys(MongoIndexes.ConversationsByUser.Keys));
        Assert.Equal(new BsonDocument { { "conversation_id", 1 }, { "created_at", 1 } }, RenderKeys(MongoIndexes.MessagesByConversation.Keys));
        Assert.Equal(new BsonDocument { { "user_id", 1 }, { "created_at", -1 } }, RenderKeys(MongoIndexes.GenerationsByUser.Keys));
    }

    [Fact]
    public void Documents_round_trip_through_bson_with_snake_case_names()
    {
        var message = new MessageDocument
        {
            ConversationId = ObjectId.GenerateNewId(),
            Role = "assistant",
            Content = "Paris is in France.",
            Status = MessageStatus.Interrupted,
            Error = "the caller left",
            CreatedAt = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc),
        };

        var bson = message.ToBsonDocument();
        var back = BsonSerializer.Deserialize<MessageDocument>(bson);

        Assert.Equal(message, back);
        Assert.Equal(["_id", "conversation_id", "role", "content", "status", "error", "created_at"], bson.Names);
        Assert.DoesNotContain("password_hash", UserView.FromToken(new(ObjectId.GenerateNewId(), "a", "user")).GetType().GetProperties().Select(p => p.Name));
    }

    private static BsonDocument RenderKeys<T>(IndexKeysDefinition<T> keys) =>
        keys.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry));
}
