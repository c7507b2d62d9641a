using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using Ziggie.Backend.Conversations;
using Ziggie.Backend.Orchestration;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>The answers the exception handlers write (after clearing the response) carry the same headers as every other.</summary>
public class ErrorResponseHeaderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_broken_json_400_carries_the_instance_and_security_headers()
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.PostAsync("/api/llm/generate", new StringContent("{\"model\":", Encoding.UTF8, "application/json"), Cancel);

        await Problems.ReadAsync(response, 400);
        AssertStamped(response);
    }

    [Fact]
    public async Task A_mongodb_down_503_carries_the_instance_and_security_headers()
    {
        await using var ziggie = await TestBackend.StartWithMongoDownAsync();

        var response = await ziggie.Anonymous.PostAsync("/api/auth/login",
            new StringContent("""{"username":"someone","password":"a-long-password"}""", Encoding.UTF8, "application/json"), Cancel);

        await Problems.ReadAsync(response, 503);
        AssertStamped(response);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task An_unhandled_500_carries_the_instance_and_security_headers()
    {
        await using var ziggie = await TestBackend.StartWithServicesAsync(services => services.AddSingleton<IConversationStore, BrokenStore>());

        var response = await ziggie.Client.GetAsync("/api/conversations", Cancel);

        Assert.Equal(500, (int)response.StatusCode);
        AssertStamped(response);
    }

    private static void AssertStamped(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues(InstanceIdentity.HeaderName, out var instance), $"no {InstanceIdentity.HeaderName}");
        Assert.Contains($"/{Environment.ProcessId}/", instance.Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>Fails as a bug would: with an exception no handler knows.</summary>
    private sealed class BrokenStore : IConversationStore
    {
        private static Exception Bug() => new InvalidOperationException("a bug, not a MongoDB outage");
        public Task<IReadOnlyList<ConversationDocument>> ListAsync(ObjectId userId, CancellationToken cancellationToken) => throw Bug();
        public Task CreateAsync(ConversationDocument conversation, CancellationToken cancellationToken) => throw Bug();
        public Task<ConversationDocument?> GetAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken) => throw Bug();
        public Task<IReadOnlyList<MessageDocument>> GetMessagesAsync(ObjectId conversationId, CancellationToken cancellationToken) => throw Bug();
        public Task<ConversationDocument?> RenameAsync(ObjectId userId, ObjectId id, string title, CancellationToken cancellationToken) => throw Bug();
        public Task<bool> DeleteAsync(ObjectId userId, ObjectId id, CancellationToken cancellationToken) => throw Bug();
        public Task AppendAsync(MessageDocument message, CancellationToken cancellationToken) => throw Bug();
    }
}
