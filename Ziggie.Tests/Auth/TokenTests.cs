using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MongoDB.Bson;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

public class TokenTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static string Token(string key, DateTime expires, string role = "admin", string? algorithm = SecurityAlgorithms.HmacSha256)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "ziggie",
            Audience = "ziggie",
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", ObjectId.GenerateNewId().ToString()), new Claim("unique_name", "mallory"), new Claim("role", role)]),
        };
        if (algorithm is not null)
        {
            descriptor.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm);
        }

        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

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
