using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MongoDB.Bson;

namespace Ziggie.Tests.Infrastructure;

/// <summary>Bearer tokens made outside the backend, the way an attacker (or a test that knows the key) would.</summary>
public static class TestTokens
{
    public static string Create(string key, DateTime expires, string role = "user", string? algorithm = SecurityAlgorithms.HmacSha256)
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
}
