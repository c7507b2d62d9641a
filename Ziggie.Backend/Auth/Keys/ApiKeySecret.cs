using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ziggie.Backend.Auth.Keys;

/// <summary>The secret of an API key: <c>zk_</c> and 32 random bytes in base64url (43 characters).</summary>
public static class ApiKeySecret
{
    public const string Prefix = "zk_";
    private const int RandomBytes = 32;
    private const int ShownPrefixLength = 11;

    public static (string Secret, string ShownPrefix, string Hash) Generate()
    {
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return (secret, secret[..ShownPrefixLength], Hash(secret));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool LooksLikeKey(ReadOnlySpan<char> token) => token.StartsWith(Prefix, StringComparison.Ordinal);
}
