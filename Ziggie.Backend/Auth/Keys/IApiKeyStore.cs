using MongoDB.Bson;

namespace Ziggie.Backend.Auth.Keys;

/// <summary>The <c>api_keys</c> collection. Methods throw the driver's exceptions when MongoDB is unreachable.</summary>
public interface IApiKeyStore
{
    Task CreateAsync(ApiKeyDocument key, CancellationToken cancellationToken);
    Task<ApiKeyDocument?> FindByHashAsync(string hash, CancellationToken cancellationToken);
    Task<ApiKeyDocument?> FindByIdAsync(ObjectId id, CancellationToken cancellationToken);

    /// <summary>A user's keys, newest first.</summary>
    Task<IReadOnlyList<ApiKeyDocument>> ListByUserAsync(ObjectId userId, CancellationToken cancellationToken);

    /// <summary>False when there is no key with that id.</summary>
    Task<bool> DeleteAsync(ObjectId id, CancellationToken cancellationToken);
    Task SetLastUsedAsync(ObjectId id, DateTime when, CancellationToken cancellationToken);
}
