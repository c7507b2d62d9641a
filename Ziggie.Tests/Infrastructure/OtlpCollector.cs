using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// A stand-in for the Aspire dashboard's telemetry endpoint: real Kestrel on 127.0.0.1 receiving OTLP over gRPC
/// (HTTP/2 without TLS), the protocol Aspire tells services to use for the dashboard's
/// <c>ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL</c>. It keeps the spans and metric names it receives, and lets a test
/// wait for one.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly HashSet<(string Scope, string Name)> _metrics = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Waiter)> _waiters = [];

    private OtlpCollector(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.First());

    public static async Task<OtlpCollector> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRoutingCore();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.UseRouting();
        app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export",
            async (HttpContext http) => await collector.AddAsync(http, OtlpProtobuf.ReadSpans(await MessageAsync(http)), []));
        app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
            async (HttpContext http) => await collector.AddAsync(http, [], OtlpProtobuf.ReadMetricNames(await MessageAsync(http))));
        app.MapPost("/opentelemetry.proto.collector.logs.v1.LogsService/Export", (HttpContext http) => collector.AddAsync(http, [], []));
        await app.StartAsync(cancellationToken);
        return collector;
    }

    /// <summary>The first span received that matches, including one received before the call.</summary>
    public async Task<OtlpSpan> WaitForSpanAsync(Func<OtlpSpan, bool> match, TimeSpan timeout)
    {
        OtlpSpan? found = null;
        await WaitAsync(() => (found = _spans.FirstOrDefault(match)) is not null, timeout);
        return found!;
    }

    public Task WaitForMetricAsync(string scope, string name, TimeSpan timeout) => WaitAsync(() => _metrics.Contains((scope, name)), timeout);

    private Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (done()) return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((done, waiter));
            return waiter.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Keeps what came and answers an empty Export*ServiceResponse (everything accepted) with gRPC status OK.</summary>
    private async Task AddAsync(HttpContext http, IEnumerable<OtlpSpan> newSpans, IEnumerable<(string, string)> newMetrics)
    {
        List<TaskCompletionSource> satisfied;
        lock (_gate)
        {
            _spans.AddRange(newSpans);
            _metrics.UnionWith(newMetrics);
            satisfied = [.. _waiters.Where(w => w.Done()).Select(w => w.Waiter)];
            _waiters.RemoveAll(w => w.Done());
        }

        foreach (var waiter in satisfied) waiter.TrySetResult();
        http.Response.ContentType = "application/grpc";
        await http.Response.Body.WriteAsync(new byte[5], http.RequestAborted);
        http.Response.AppendTrailer("grpc-status", "0");
    }

    /// <summary>The one message of a unary gRPC call: a compressed flag, a 4-byte big-endian length, the protobuf.</summary>
    private static async Task<byte[]> MessageAsync(HttpContext http)
    {
        using var bytes = new MemoryStream();
        await http.Request.Body.CopyToAsync(bytes, http.RequestAborted);
        var frame = bytes.ToArray();
        var message = frame.AsSpan(5, BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1, 4))).ToArray();
        if (frame[0] == 0) return message;

        using var unzipped = new MemoryStream();
        await new GZipStream(new MemoryStream(message), CompressionMode.Decompress).CopyToAsync(unzipped, http.RequestAborted);
        return unzipped.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
