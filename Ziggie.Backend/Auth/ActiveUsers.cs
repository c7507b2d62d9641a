using Microsoft.Extensions.Caching.Memory;
using MongoDB.Bson;
using Ziggie.Backend.Data;

namespace Ziggie.Backend.Auth;

/// <summary>
/// Whether a token's user still exists and is active. A valid signature is not enough: an admin who
/// deactivates or deletes a user shuts them out at once on this instance (<see cref="Forget"/>) and
/// within <see cref="Remember"/> on the others. The answer is cached, so a request costs no database
/// round trip; while MongoDB is down, tokens are trusted until they expire, and generation keeps working.
/// </summary>
public sealed class ActiveUsers(IUserStore users, IDatabaseStatus database, IMemoryCache cache)
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(30);

    /// <summary>Why the user may not use the token, or null when they may.</summary>
    public async Task<string?> WhyRefusedAsync(ObjectId id, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(Key(id), out string? verdict))
        {
            if (!database.IsAvailable) return null;
            var user = await users.FindByIdAsync(id, cancellationToken);
            verdict = user is null ? "the account no longer exists" : user.IsActive ? "" : "the account is deactivated";
            cache.Set(Key(id), verdict, Remember);
        }

        return verdict is "" ? null : verdict;
    }

    /// <summary>The user was just read (an API key's first use): their state needs no second read.</summary>
    public void Learn(UserDocument user) => cache.Set(Key(user.Id), user.IsActive ? "" : "the account is deactivated", Remember);

    public void Forget(ObjectId id) => cache.Remove(Key(id));

    private static string Key(ObjectId id) => $"active-user:{id}";
}
