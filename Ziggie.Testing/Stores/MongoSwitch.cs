using System.Net;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using Ziggie.Backend.Data;

namespace Ziggie.Testing.Stores;

/// <summary>
/// Turns the in-memory stores' MongoDB off and on. While off, every store call fails as the driver
/// does when the server is unreachable (its connection exception), and <see cref="IsAvailable"/> says so,
/// as the driver's server monitoring would.
/// </summary>
public sealed class MongoSwitch : IDatabaseStatus
{
    public bool IsAvailable { get; set; } = true;

    public void ThrowIfDown()
    {
        if (!IsAvailable)
        {
            throw new MongoConnectionException(
                new ConnectionId(new ServerId(new ClusterId(), new DnsEndPoint("127.0.0.1", 1))),
                "An exception occurred while opening a connection to the server.");
        }
    }
}
