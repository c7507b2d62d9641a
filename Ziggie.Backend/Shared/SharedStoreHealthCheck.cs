using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Ziggie.Backend.Shared;

/// <summary>A <c>PING</c> to the Redis the replicas share their limits in (registered only when one is configured).</summary>
public sealed class SharedStoreHealthCheck(SharedStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["state"] = store.Mode, ["store"] = store.Endpoint ?? "" };
        try
        {
            var latency = await store.Redis!.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis at {store.Endpoint} answers ping in {latency.TotalMilliseconds:0.#} ms; limits, slots and pulls are shared", data);
        }
        catch (Exception ex) when (ex is RedisException or OperationCanceledException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"Redis at {store.Endpoint} did not answer ping, so the rate and concurrency limits refuse requests (503) until it does: {FirstLine(ex.Message)}",
                data: data);
        }
    }

    private static string FirstLine(string text) => text.Split(['\r', '\n'], 2)[0].Trim();
}
