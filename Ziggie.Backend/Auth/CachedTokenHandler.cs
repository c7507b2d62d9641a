using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ziggie.Backend.Auth;

/// <summary>
/// JwtBearer's token handler, remembering each token it found valid until the token expires. A signed token
/// cannot change, so checking its signature, issuer, audience and claims again on every request of a chat session
/// only repeats work: it was a tenth of a signed-in request's CPU and a quarter of what it allocated. What must be
/// asked afresh still is: the user's account state (<c>OnTokenValidated</c> runs for every request) and the
/// token's lifetime (an entry ends at the token's expiry plus the clock skew, on the system clock that validation
/// itself reads). Each request gets its own copy of the identity, so nothing one request does to its claims
/// reaches another.
/// </summary>
public sealed class CachedTokenHandler : JsonWebTokenHandler
{
    /// <summary>Valid tokens remembered at once; past it, tokens are validated as if there were no cache.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Remembered> _valid = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>OnMessageReceived</c>: a token seen before is handed to JwtBearer as the string already remembered, so the
    /// header is not copied into a new one (JwtBearer's own reading allocates the token on every request).
    /// </summary>
    public Task UseRememberedToken(MessageReceivedContext context)
    {
        if (_valid.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(BearerHeader.TokenOf(context.Request), out var token, out _))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out var known))
        {
            if (DateTimeOffset.UtcNow < known.Until) return known.Result();
            _valid.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, SecurityToken: { } validated, ClaimsIdentity: { } identity })
        {
            Remember(token, new Remembered(new CaseSensitiveClaimsIdentity(identity), validated,
                new DateTimeOffset(validated.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew));
        }

        return result;
    }

    private void Remember(string token, Remembered entry)
    {
        if (_valid.Count >= Capacity)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (key, old) in _valid)
            {
                if (old.Until <= now) _valid.TryRemove(key, out _);
            }

            if (_valid.Count >= Capacity) return;
        }

        _valid[token] = entry;
    }

    private sealed record Remembered(CaseSensitiveClaimsIdentity Identity, SecurityToken Token, DateTimeOffset Until)
    {
        public TokenValidationResult Result() => new() { IsValid = true, ClaimsIdentity = new CaseSensitiveClaimsIdentity(Identity), SecurityToken = Token };
    }
}
