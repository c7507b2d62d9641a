using MongoDB.Driver;
using Testcontainers.MongoDb;

namespace Ziggie.Tests.Data;

/// <summary>
/// A real MongoDB for the store tests: <c>ZIGGIE_TEST_MONGODB</c> (a connection string) when set, else a
/// container through Docker (Testcontainers). Without either the tests are skipped, saying why.
/// </summary>
public sealed class MongoServerFixture : IAsyncLifetime
{
    public const string Variable = "ZIGGIE_TEST_MONGODB";

    private MongoDbContainer? _container;

    public IMongoClient? Client { get; private set; }
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString)
        {
            Client = new MongoClient(connectionString);
            return;
        }

        try
        {
            _container = new MongoDbBuilder("mongo:8.0").Build();
            await _container.StartAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Client = new MongoClient(_container.GetConnectionString());
        }
        catch (Exception ex)
        {
            Unavailable = $"No MongoDB to test against: {Variable} is not set and Docker could not start mongo:8.0 ({ex.GetType().Name}: {ex.Message.Split('\n')[0]})";
        }
    }

    /// <summary>A fresh database for one test, or a skip with the reason.</summary>
    public IMongoDatabase NewDatabase()
    {
        if (Client is null) Assert.Skip(Unavailable ?? "No MongoDB");
        return Client.GetDatabase($"ziggie_test_{Guid.NewGuid():N}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}
