[assembly: AssemblyFixture(typeof(Ziggie.Tests.Infrastructure.SharedRedis))]

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// One <see cref="RedisServer"/> for the whole run, started by the first test that asks for it and killed after the
/// last; tests take a database each (<see cref="RedisServer.NewDatabase"/>). A test that kills Redis starts its own.
/// </summary>
public sealed class SharedRedis : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RedisServer? _server;

    public async Task<RedisServer> GetAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _server ??= await RedisServer.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _server?.Dispose();
        _gate.Dispose();
    }
}
