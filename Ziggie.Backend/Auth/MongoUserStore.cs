using MongoDB.Bson;
using MongoDB.Driver;

namespace Ziggie.Backend.Auth;

public sealed class MongoUserStore(IMongoDatabase database) : IUserStore
{
    public const string CollectionName = "users";

    private readonly IMongoCollection<UserDocument> _users = database.GetCollection<UserDocument>(CollectionName);

    public static FilterDefinition<UserDocument> ByUsername(string username) =>
        Builders<UserDocument>.Filter.Eq(u => u.Username, UserDocument.Normalize(username));

    public async Task<UserDocument?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        await _users.Find(ByUsername(username)).FirstOrDefaultAsync(cancellationToken);

    public async Task<UserDocument?> FindByIdAsync(ObjectId id, CancellationToken cancellationToken) =>
        await _users.Find(u => u.Id == id).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<UserDocument>> ListAsync(CancellationToken cancellationToken) =>
        await _users.Find(FilterDefinition<UserDocument>.Empty).SortBy(u => u.Username).ToListAsync(cancellationToken);

    public async Task CreateAsync(UserDocument user, CancellationToken cancellationToken)
    {
        try
        {
            await _users.InsertOneAsync(user, cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // The unique index on username decides, not a read before the write: two sign-ups at once cannot both win.
            throw new DuplicateUsernameException(user.Username, ex);
        }
    }

    public async Task<bool> ReplaceAsync(UserDocument user, CancellationToken cancellationToken) =>
        (await _users.ReplaceOneAsync(u => u.Id == user.Id, user, cancellationToken: cancellationToken)).MatchedCount == 1;

    public async Task<bool> DeleteAsync(ObjectId id, CancellationToken cancellationToken) =>
        (await _users.DeleteOneAsync(u => u.Id == id, cancellationToken)).DeletedCount == 1;

    public Task SetLastLoginAsync(ObjectId id, DateTime when, CancellationToken cancellationToken) =>
        _users.UpdateOneAsync(u => u.Id == id, LastLoginUpdate(when), cancellationToken: cancellationToken);

    public static UpdateDefinition<UserDocument> LastLoginUpdate(DateTime when) =>
        Builders<UserDocument>.Update.Set(u => u.LastLogin, when);

    public async Task<UserStats> CountAsync(CancellationToken cancellationToken)
    {
        var byRole = await _users.Aggregate()
            .Group(u => u.Role, g => new { Role = g.Key, Count = g.LongCount(), Active = g.Sum(u => u.IsActive ? 1L : 0L) })
            .ToListAsync(cancellationToken);
        return new UserStats(byRole.Sum(r => r.Count), byRole.Sum(r => r.Active), byRole.ToDictionary(r => r.Role, r => r.Count));
    }
}
