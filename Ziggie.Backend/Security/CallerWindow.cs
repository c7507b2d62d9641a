using System.Threading.RateLimiting;

namespace Ziggie.Backend.Security;

/// <summary>
/// One caller's fixed window of <c>permits</c> per <c>window</c>, opened by their first request. Unlike
/// <see cref="FixedWindowRateLimiter"/>, whose refusals always say "retry after one whole window" however much of
/// it is left, a refusal here carries the real remaining wait, which becomes the 429's <c>Retry-After</c>.
/// </summary>
public sealed class CallerWindow(int permits, TimeSpan window, TimeProvider time) : RateLimiter
{
    readonly Lock gate = new();
    DateTimeOffset opened = DateTimeOffset.MinValue;
    int used;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                // Idle once the window is over: the partitioned limiter may then drop this caller's entry.
                var over = time.GetUtcNow() - (opened + window);
                return over >= TimeSpan.Zero ? over : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = InWindow(time.GetUtcNow()) ? permits - used : permits };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!InWindow(now))
            {
                opened = now;
                used = 0;
            }

            if (used + permitCount <= permits)
            {
                used += permitCount;
                return Lease.Granted;
            }

            return new Lease(opened + window - now);
        }
    }

    // No queue: a caller over the limit is told at once how long to wait.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    bool InWindow(DateTimeOffset now) => now < opened + window;

    sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
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
