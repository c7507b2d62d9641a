using MongoDB.Bson;

namespace Ziggie.Backend.Auth;

/// <summary>The users collection. Methods throw the driver's exceptions when MongoDB is unreachable.</summary>
public interface IUserStore
{
    Task<UserDocument?> FindByUsernameAsync(string username, CancellationToken cancellationToken);
    Task<UserDocument?> FindByIdAsync(ObjectId id, CancellationToken cancellationToken);
    Task<IReadOnlyList<UserDocument>> ListAsync(CancellationToken cancellationToken);

    /// <exception cref="DuplicateUsernameException">The username is taken.</exception>
    Task CreateAsync(UserDocument user, CancellationToken cancellationToken);

    /// <summary>Replaces the user; false when there is none with that id.</summary>
    Task<bool> ReplaceAsync(UserDocument user, CancellationToken cancellationToken);
    Task<bool> DeleteAsync(ObjectId id, CancellationToken cancellationToken);
    Task SetLastLoginAsync(ObjectId id, DateTime when, CancellationToken cancellationToken);
    Task<UserStats> CountAsync(CancellationToken cancellationToken);
}

public sealed record UserStats(long Total, long Active, IReadOnlyDictionary<string, long> ByRole);

public sealed class DuplicateUsernameException(string username, Exception? inner = null)
    : Exception($"The username '{username}' is taken.", inner)
{
    public string Username { get; } = username;
}
