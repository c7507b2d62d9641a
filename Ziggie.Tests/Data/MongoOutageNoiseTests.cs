using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Ziggie.Backend.Data;

namespace Ziggie.Tests.Data;

/// <summary>
/// The background start-up work while MongoDB is down, through the real driver against a port nothing listens on:
/// one warning when it goes down, one line when it is back, and no span per retry in the traces.
/// </summary>
public class MongoOutageNoiseTests
{
    [Fact]
    public async Task An_outage_is_one_warning_and_one_line_when_it_ends_without_stack_traces_or_a_span_per_retry()
    {
        var database = $"outage-{Guid.NewGuid():N}";
        var settings = MongoClientSettings.FromUrl(MongoUrl.Create($"mongodb://127.0.0.1:1/{database}"));
        settings.ServerSelectionTimeout = TimeSpan.FromMilliseconds(300);
        using var client = new MongoClient(settings);
        var db = client.GetDatabase(database);
        var spans = new ConcurrentBag<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource("MongoDB.Driver").AddProcessor(new Recorder(spans, database)).Build();
        var logger = new FakeLogger();
        var tries = 0;
        var reasons = new List<string>();

        // Four tries fail against the closed port; the fifth finds MongoDB back (and does not need the driver for it).
        await MongoRetry.UntilDoneAsync("create the test's indexes", async token =>
            {
                if (++tries <= 4) await db.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: token);
            }, logger, new NoWait(), TestContext.Current.CancellationToken, failed: reasons.Add)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var lines = logger.Collector.GetSnapshot().Where(l => l.Level >= LogLevel.Information).ToArray();
        Assert.Collection(lines,
            down => Assert.Equal(LogLevel.Warning, down.Level),
            back => Assert.Contains("MongoDB answers again", back.Message));
        Assert.All(lines, l => Assert.Null(l.Exception));
        Assert.All(lines.Select(l => l.Message).Concat(reasons), text =>
        {
            Assert.DoesNotContain("\n", text);
            Assert.DoesNotContain("Exception", text);
        });
        Assert.Equal(4, reasons.Count);
        // The first try is traced like any call; the three retries of the outage it reported are not.
        Assert.Single(spans);
    }

    /// <summary>Pauses of no length: the retry's growing delays pass at once.</summary>
    private sealed class NoWait : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }

    /// <summary>Keeps the driver's spans that name this test's database (other tests talk to MongoDB too).</summary>
    private sealed class Recorder(ConcurrentBag<Activity> spans, string database) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.TagObjects.Any(t => t.Value?.ToString() == database)) spans.Add(data);
        }
    }
}
