using System.Threading.RateLimiting;

namespace Ziggie.Backend.Security;

/// <summary>
/// One caller's fixed window of <c>permits</c> per <c>window</c>, opened by their first request. Unlike
/// <see cref="FixedWindowRateLimiter"/>, whose refusals always say "retry after one whole window" however much of
/// it is left, a refusal here carries the real remaining wait, which becomes the 429's <c>Retry-After</c>.
/// </summary>
public sealed class CallerWindow(int permits, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Lock _gate = new();
    private DateTimeOffset _opened = DateTimeOffset.MinValue;
    private int _used;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                // Idle once the window is over: the partitioned limiter may then drop this caller's entry.
                var over = time.GetUtcNow() - (_opened + window);
                return over >= TimeSpan.Zero ? over : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = InWindow(time.GetUtcNow()) ? permits - _used : permits };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!InWindow(now))
            {
                _opened = now;
                _used = 0;
            }

            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                return Lease.Granted;
            }

            return new Lease(_opened + window - now);
        }
    }

    // No queue: a caller over the limit is told at once how long to wait.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private bool InWindow(DateTimeOffset now) => now < _opened + window;

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
