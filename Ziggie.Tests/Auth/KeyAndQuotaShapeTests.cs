using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using Ziggie.Backend.Auth.Keys;
using Ziggie.Backend.Quotas;
using Ziggie.Backend.Usage;

namespace Ziggie.Tests.Auth;

/// <summary>What the key, quota and usage stores send to MongoDB, checked without a server.</summary>
public class KeyAndQuotaShapeTests
{
    private static BsonDocument Render<T>(FilterDefinition<T> filter) =>
        filter.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry));

    private static BsonDocument Render<T>(UpdateDefinition<T> update) =>
        update.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry)).AsBsonDocument;

    private static BsonDocument Render<T>(IndexKeysDefinition<T> keys) =>
        keys.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry));

    [Fact]
    public void A_key_is_found_by_its_hash_through_a_unique_index()
    {
        Assert.Equal(new BsonDocument("hash", "abc"), Render(MongoApiKeyStore.WithHash("abc")));
        Assert.Equal(new BsonDocument("hash", 1), Render(MongoApiKeyStore.UniqueHash.Keys));
        Assert.True(MongoApiKeyStore.UniqueHash.Options.Unique);
        Assert.Equal(new BsonDocument { { "user_id", 1 }, { "created_at", -1 } }, Render(MongoApiKeyStore.ByUser.Keys));
    }

    [Fact]
    public void Last_used_never_moves_back()
    {
        var when = new DateTime(2026, 12, 2, 1, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new BsonDocument("$max", new BsonDocument("last_used", when)), Render(MongoApiKeyStore.LastUsedUpdate(when)));
    }

    [Fact]
    public void A_key_document_keeps_the_hash_and_never_a_secret_field()
    {
        var key = new ApiKeyDocument { UserId = ObjectId.GenerateNewId(), Name = "n", Prefix = "zk_abcdefgh", Hash = "h" };

        var bson = key.ToBsonDocument();

        Assert.Equal(["_id", "user_id", "name", "prefix", "hash", "created_at"], bson.Names.ToArray());
        var back = BsonSerializer.Deserialize<ApiKeyDocument>(bson);
        Assert.Equal((key.Id, key.UserId, key.Hash, key.Prefix), (back.Id, back.UserId, back.Hash, back.Prefix));
    }

    [Fact]
    public void A_quota_day_is_one_counter_per_user_and_day_added_to_with_inc()
    {
        var user = ObjectId.GenerateNewId();

        Assert.Equal(new BsonDocument { { "user_id", user }, { "day", "2026-12-02" } }, Render(MongoQuotaCounters.Of(user, "2026-12-02")));
        Assert.Equal(new BsonDocument("$inc", new BsonDocument { { "tokens", 640L }, { "requests", 1L } }), Render(MongoQuotaCounters.Added(640, 1)));
        Assert.Equal(new BsonDocument { { "user_id", 1 }, { "day", 1 } }, Render(MongoQuotaCounters.UniqueUserDay.Keys));
        Assert.True(MongoQuotaCounters.UniqueUserDay.Options.Unique);
    }

    [Fact]
    public void A_users_quota_override_is_stored_with_only_the_limits_it_sets()
    {
        Assert.Equal(new BsonDocument("tokens_per_day", 1000L), new QuotaLimit { TokensPerDay = 1000 }.ToBsonDocument());
    }

    [Fact]
    public void A_generation_made_with_a_key_records_its_id_and_name_and_one_without_records_neither()
    {
        var key = ObjectId.GenerateNewId();
        var entry = new GenerationDocument { UserId = ObjectId.GenerateNewId(), Username = "u", Kind = "chat", Model = "m", Outcome = "completed" };

        var without = entry.ToBsonDocument();
        var with = (entry with { ApiKeyId = key, ApiKeyName = "bot" }).ToBsonDocument();

        Assert.False(without.Contains("api_key_id") || without.Contains("api_key_name"));
        Assert.Equal(key, with["api_key_id"]);
        Assert.Equal("bot", with["api_key_name"]);
    }

    [Fact]
    public void The_per_key_summary_groups_by_user_and_key()
    {
        var collection = new MongoClient("mongodb://127.0.0.1:1").GetDatabase("ziggie").GetCollection<GenerationDocument>("generations");
        var user = ObjectId.GenerateNewId();

        IBsonSerializer input = BsonSerializer.LookupSerializer<GenerationDocument>();
        var stages = new List<BsonDocument>();
        foreach (var stage in MongoGenerationLog.ByKey(collection.Aggregate(), user).Stages)
        {
            var rendered = stage.Render(input, BsonSerializer.SerializerRegistry);
            stages.AddRange(rendered.Documents);
            input = rendered.OutputSerializer;
        }

        Assert.Equal(new BsonDocument("$match", new BsonDocument("user_id", user)), stages[0]);
        Assert.Equal(new BsonDocument { { "UserId", "$user_id" }, { "ApiKeyId", "$api_key_id" } }, stages.Single(s => s.Contains("$group"))["$group"]["_id"]);
    }
}
