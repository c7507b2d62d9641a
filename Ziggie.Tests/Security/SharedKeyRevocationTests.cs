using System.Net;
using Ziggie.Tests.Auth;

namespace Ziggie.Tests.Security;

/// <summary>Replicas sharing Redis: a key revoked through one is refused by the other at once, not when its cache runs out.</summary>
public class SharedKeyRevocationTests(TwoReplicas replicas) : IClassFixture<TwoReplicas>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_revoked_on_one_replica_is_refused_by_the_other_on_its_next_call()
    {
        var (signed, _) = await replicas.A.NewUserAsync();
        var created = await signed.CreateKeyAsync("shared script");
        var onB = replicas.B.KeyClient(created);
        (await onB.GenerateAsync()).EnsureSuccessStatusCode(); // B now holds the key in its cache

        var revoked = await signed.DeleteAsync($"/api/auth/keys/{created.GetProperty("id").GetString()}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        // The message goes through Redis; B hears it within moments, long before its 15 s cache would run out.
        var refused = await RetryWhileAcceptedAsync(onB);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task<HttpResponseMessage> RetryWhileAcceptedAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.GenerateAsync();
            if (response.StatusCode != HttpStatusCode.OK || attempt == 20) return response;
            await Task.Delay(TimeSpan.FromMilliseconds(100), Cancel);
        }
    }
}
