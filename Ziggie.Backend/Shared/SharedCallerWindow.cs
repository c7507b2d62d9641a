using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Ziggie.Backend.Shared;

/// <summary>
/// <see cref="Security.CallerWindow"/> counted in Redis, so that all replicas share one caller's window: a fixed
/// window of <c>permits</c> opened by the caller's first request, whose refusals carry the real wait left. One round
/// trip (a script) per request.
/// </summary>
public sealed class SharedCallerWindow(IDatabase redis, RedisKey key, int permits, TimeSpan window, string limit, TimeProvider time) : RateLimiter
{
    // ARGV: permits, window ms. Returns -1 when granted, else the ms left in the window.
    private static readonly LuaScript Count = LuaScript.Prepare("""
        local used = redis.call('INCR', @key)
        if used == 1 then redis.call('PEXPIRE', @key, @ms) end
        if used <= tonumber(@permits) then return -1 end
        local left = redis.call('PTTL', @key)
        if left < 0 then redis.call('PEXPIRE', @key, @ms); left = tonumber(@ms) end
        return left
        """);

    private long _lastUsed = time.GetTimestamp();

    // The partitioned limiter drops this caller's entry once idle; the count itself lives (and expires) in Redis.
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    // The middleware asks synchronously first, then asynchronously when refused: the Redis round trip happens there.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Pending.Instance;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        long left;
        try
        {
            left = (long)await redis.ScriptEvaluateAsync(Count, new { key, permits, ms = (long)window.TotalMilliseconds });
        }
        catch (RedisException ex)
        {
            throw new SharedStateUnavailableException(limit, ex);
        }

        return left < 0 ? Lease.Granted : new Lease(TimeSpan.FromMilliseconds(left));
    }

    private sealed class Pending : RateLimitLease
    {
        public static readonly Pending Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
