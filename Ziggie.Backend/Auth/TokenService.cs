using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ziggie.Backend.Auth;

/// <summary>Issues the bearer tokens that <c>/api/auth/login</c> hands out. They are checked by signature alone.</summary>
public sealed class TokenService(IOptions<JwtOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public static SymmetricSecurityKey KeyFrom(JwtOptions jwt) => new(Encoding.UTF8.GetBytes(jwt.SigningKey));

    public IssuedToken Issue(UserDocument user)
    {
        var jwt = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + jwt.TokenLifetime,
            SigningCredentials = new SigningCredentials(KeyFrom(jwt), SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.UniqueName, user.Username),
                new Claim(CurrentUser.RoleClaim, user.Role),
            ]),
        });
        return new IssuedToken(token, "bearer", (int)jwt.TokenLifetime.TotalSeconds);
    }
}

/// <summary>The body of a successful sign-in, as the old backend answered it.</summary>
public sealed record IssuedToken(string AccessToken, string TokenType, int ExpiresIn);
