namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// One <see cref="TestBackend"/> for all the tests of a class (<c>IClassFixture&lt;SharedBackend&gt;</c>), for classes
/// whose tests send requests that change nothing another test of the class looks at, or make their own data. A
/// backend costs a few hundred milliseconds of CPU to start and to serve its first requests; theories of thirty
/// cases paid that thirty times. Tests that set knobs on the fake Ollama, switch MongoDB off or need their own
/// settings still start their own.
/// </summary>
public sealed class SharedBackend : IAsyncLifetime
{
    private TestBackend? _backend;

    public TestBackend Ziggie => _backend ?? throw new InvalidOperationException("The shared backend has not started.");

    // The login limit counts every attempt from the loopback address, so a class's sign-in cases would meet it;
    // the limits have tests of their own (Security.LimitTests, Security.RetryAfterTests).
    public async ValueTask InitializeAsync() => _backend = await TestBackend.StartAsync(
        ("Ziggie:Limits:LoginsPerMinute", "10000"), ("Ziggie:Limits:GenerationsPerMinute", "10000"));

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null) await _backend.DisposeAsync();
    }
}
