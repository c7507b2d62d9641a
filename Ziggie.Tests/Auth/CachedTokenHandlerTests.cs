using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Ziggie.Backend.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Auth;

/// <summary>
/// The token cache must not change what is accepted: it serves only tokens it validated, only until they expire,
/// and every request gets claims of its own. (That a remembered token of a deactivated user is refused at once is
/// <see cref="Security.AccountStateTests"/>: the account check runs after the cache, on every request.)
/// </summary>
public class CachedTokenHandlerTests
{
    private const string Key = "a-signing-key-of-at-least-thirty-two-bytes";

    private static TokenValidationParameters Parameters(bool checkLifetime = true) => new()
    {
        ValidIssuer = "ziggie",
        ValidAudience = "ziggie",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        ValidateLifetime = checkLifetime,
    };

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var handler = new CachedTokenHandler();
        var expired = TestTokens.Create(Key, DateTime.UtcNow.AddMinutes(-5));
        // Accepted once with the lifetime unchecked, so it is in the cache although its expiry has passed.
        Assert.True((await handler.ValidateTokenAsync(expired, Parameters(checkLifetime: false))).IsValid);

        var again = await handler.ValidateTokenAsync(expired, Parameters());

        Assert.False(again.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(again.Exception);
    }

    [Fact]
    public async Task Each_validation_of_a_remembered_token_gets_claims_of_its_own()
    {
        var handler = new CachedTokenHandler();
        var token = TestTokens.Create(Key, DateTime.UtcNow.AddHours(1));
        (await handler.ValidateTokenAsync(token, Parameters())).ClaimsIdentity.AddClaim(new Claim("added-by", "the validating request"));
        var first = await handler.ValidateTokenAsync(token, Parameters());
        first.ClaimsIdentity.AddClaim(new Claim("added-by", "a request served from the cache"));

        var second = await handler.ValidateTokenAsync(token, Parameters());

        Assert.True(second.IsValid);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Null(second.ClaimsIdentity.FindFirst("added-by"));
        Assert.Equal(first.ClaimsIdentity.FindFirst("sub")!.Value, second.ClaimsIdentity.FindFirst("sub")!.Value);
    }

    [Fact]
    public async Task A_token_that_failed_is_not_remembered()
    {
        var handler = new CachedTokenHandler();
        var forged = TestTokens.Create("another-key-that-is-also-thirty-two-bytes", DateTime.UtcNow.AddHours(1));
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters())).IsValid);

        var context = MessageWith(forged);
        await handler.UseRememberedToken(context);

        Assert.Null(context.Token);
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters())).IsValid);
    }

    [Fact]
    public async Task A_remembered_token_is_handed_to_JwtBearer_without_a_copy_of_the_header()
    {
        var handler = new CachedTokenHandler();
        var token = TestTokens.Create(Key, DateTime.UtcNow.AddHours(1));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        var context = MessageWith(new string(token.AsSpan()));
        await handler.UseRememberedToken(context);

        Assert.Same(token, context.Token);
    }

    private static MessageReceivedContext MessageWith(string token)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = $"Bearer {token}";
        return new MessageReceivedContext(http, new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler)), new JwtBearerOptions());
    }
}
