using MongoDB.Driver;
using MongoDB.Driver.Core.Servers;

namespace Ziggie.Backend.Data;

/// <summary>Whether MongoDB answers right now, known without a round trip: for decisions that must not wait for a timeout.</summary>
public interface IDatabaseStatus
{
    bool IsAvailable { get; }
}

/// <summary>Reads the driver's own server monitoring, which pings in the background.</summary>
public sealed class MongoDatabaseStatus(IMongoClient client) : IDatabaseStatus
{
    public bool IsAvailable => client.Cluster.Description.Servers.Any(s => s.State == ServerState.Connected);
}
