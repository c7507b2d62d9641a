using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ziggie.Testing.Ollama;

/// <summary>
/// A stand-in for an Ollama server: real Kestrel on 127.0.0.1 speaking Ollama's REST API and NDJSON
/// streams, with knobs for latency, failures and disconnects, and a record of every request.
/// </summary>
public sealed partial class FakeOllama : IAsyncDisposable
{
    // Long enough for a handler to notice it is stopping and drop its connection; short enough that a
    // test stopping the fake never waits on a stream that was told to pause for a minute.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private int _port;
    private ChunkGate? _pendingGate;

    private FakeOllama()
    {
        LocalModels.Put(new FakeModel("llama3.2:latest", 2_019_393_189));
        Library.Put(new FakeModel("llama3.2:latest", 2_019_393_189));
        Library.Put(new FakeModel("qwen2.5:0.5b", 397_821_319) { Family = "qwen2", ParameterSize = "494.03M" });
    }

    /// <summary>Starts a fake on a free port with one local model, <c>llama3.2:latest</c>.</summary>
    public static async Task<FakeOllama> StartAsync(CancellationToken cancellationToken = default)
    {
        var fake = new FakeOllama();
        await fake.StartOnPortAsync(0, cancellationToken);
        return fake;
    }

    /// <summary>The root URL, e.g. <c>http://127.0.0.1:41234/</c>; it stays the same across restarts.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    public bool IsRunning => Volatile.Read(ref _app) is not null;

    public IReadOnlyList<RecordedRequest> Requests => Log.Snapshot();

    internal FakeRequestLog Log { get; } = new();
    internal ModelShelf LocalModels { get; } = new();
    internal ModelShelf Library { get; } = new();
    internal LoadedModels Loaded { get; } = new();

    internal FakeDecodeClock DecodeClock { get; } = new();

    /// <summary>Completes with the first request to <paramref name="path"/>, including one already received.</summary>
    /// <summary>Forgets the requests seen so far, so that a test sharing the fake with others sees only its own.</summary>
    public void ForgetRequests() => Log.Clear();

    public Task<RecordedRequest> WaitForRequestAsync(string path, CancellationToken cancellationToken = default) =>
        Log.WaitForAsync(path, cancellationToken);

    /// <summary>The next streaming response (generate, chat or pull) writes chunks before <paramref name="chunkIndex"/>, then waits for <see cref="ChunkGate.Release"/>.</summary>
    public ChunkGate HoldBeforeChunk(int chunkIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        return Hold(chunkIndex);
    }

    /// <summary>
    /// The next streamed generate or chat writes every line, its <c>done</c> line included, then waits for
    /// <see cref="ChunkGate.Release"/> before it ends the answer (Ollama's closing chunk).
    /// </summary>
    public ChunkGate HoldBeforeTheEnd() => Hold(ChunkGate.TheEnd);

    private ChunkGate Hold(int chunkIndex)
    {
        var gate = new ChunkGate(chunkIndex);
        Interlocked.Exchange(ref _pendingGate, gate)?.Release();
        return gate;
    }

    internal ChunkGate? TakePendingGate() => Interlocked.Exchange(ref _pendingGate, null);

    /// <summary>Stops listening and drops every open connection, like Ollama going offline.</summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_app is not { } app) return;
            Volatile.Write(ref _app, null);
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops if running, then listens again on the same port, like Ollama coming back.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartOnPortAsync(_port, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        TakePendingGate()?.Release();
        DecodeClock.Dispose();
    }

    private async Task StartOnPortAsync(int port, CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            // An empty builder reads no appsettings.json and no environment variables, so nothing of the
            // test process leaks in: not the backend's logging levels, not ASPNETCORE_URLS.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            // A flush then completes only once the socket has taken the bytes, so a chunk the fake has
            // written is truly sent before the fake waits at a gate or drops the connection.
            builder.WebHost.UseSockets(sockets => sockets.MaxWriteBufferSize = 2);
            builder.Services.AddRoutingCore();
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);

            var app = builder.Build();
            app.UseRequestRecording(this);
            app.MapFakeOllamaApi(this);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                // E.g. a restart finding its port taken: release what was built, then report the failure.
                await app.DisposeAsync();
                throw;
            }

            _port = new Uri(app.Urls.First()).Port;
            Volatile.Write(ref _app, app);
        }
        finally
        {
            _lifecycle.Release();
        }
    }
}
