using System.Net;
using Microsoft.IdentityModel.Tokens;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

public class TokenTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Token(string key, DateTime expires, string role = "admin", string? algorithm = SecurityAlgorithms.HmacSha256) =>
        TestTokens.Create(key, expires, role, algorithm);

    public static TheoryData<string, string> BadTokens => new()
    {
        { "expired", Token(TestBackend.SigningKey, DateTime.UtcNow.AddMinutes(-5)) },
        { "another key", Token("someone-elses-signing-key-that-is-also-long-enough", DateTime.UtcNow.AddHours(1)) },
        { "unsigned (alg none)", Token(TestBackend.SigningKey, DateTime.UtcNow.AddHours(1), algorithm: null) },
        { "garbage", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_is_not_ours_or_no_longer_valid_is_refused(string kind, string token)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.ClientWithToken(token).GetAsync("/api/auth/users", Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, kind);
    }

    [Fact]
    public async Task A_valid_token_is_accepted_without_asking_the_database()
    {
        await using var ziggie = await TestBackend.StartWithMongoDownAsync();

        var response = await ziggie.ClientWithToken(Token(TestBackend.SigningKey, DateTime.UtcNow.AddHours(1), role: "user"))
            .GetAsync("/api/llm/models", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
