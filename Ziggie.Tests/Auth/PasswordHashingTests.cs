using System.Buffers.Binary;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ziggie.Backend.Auth;

namespace Ziggie.Tests.Auth;

/// <summary>
/// The functional tests' backends hash with one round to start quickly (TestBackend); the product itself must
/// keep ASP.NET Core Identity's full work factor.
/// </summary>
public class PasswordHashingTests
{
    [Fact]
    public void The_backend_hashes_passwords_with_pbkdf2_hmac_sha512_and_at_least_100000_rounds()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddZiggieAuth();
        using var services = builder.Services.BuildServiceProvider();
        var hasher = services.GetRequiredService<IPasswordHasher<UserDocument>>();
        var user = new UserDocument { Username = "alice", Role = Roles.User, PasswordHash = "" };

        var hash = Convert.FromBase64String(hasher.HashPassword(user, "a-long-test-password"));

        // Identity's v3 format: 0x01, then PRF, rounds and salt length as big-endian 32-bit numbers.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal((uint)KeyDerivationPrf.HMACSHA512, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 100_000);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, hasher.HashPassword(user, "a-long-test-password"), "a-long-test-password"));
    }
}
