using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Ziggie.Backend.Auth;
using Ziggie.Backend.Data;

namespace Ziggie.Backend.Quotas;

/// <summary>
/// Where each user stands against their daily quota. The shared truth is <c>quota_days</c> in MongoDB (one
/// counter per user and UTC day, <c>$inc</c>ed at the end of every call); this replica keeps a view of it, so a
/// check costs no round trip: the view is read once, replaced by the total every <c>$inc</c> returns, and read
/// again when older than <see cref="QuotaOptions.RefreshEvery"/>. Calls on other replicas therefore show here
/// within that time, and a check admits a call while the user is under the limit: the last calls may go over it
/// by what they use (a stream that crosses the limit finishes). While MongoDB is down, the view counts on alone.
/// </summary>
public sealed class QuotaLedger(
    IQuotaCounters counters, IUserStore users, IDatabaseStatus database, IOptionsMonitor<QuotaOptions> options,
    IMemoryCache cache, TimeProvider time, ILogger<QuotaLedger> logger)
{
    private readonly ConcurrentDictionary<ObjectId, DayView> _days = new();

    /// <summary>The caller's standing today: used, limits, and when the day resets.</summary>
    public async Task<QuotaStanding> StandingAsync(CurrentUser caller, CancellationToken cancellationToken)
    {
        var limit = await LimitOfAsync(caller, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return new QuotaStanding(await UsedAsync(caller.Id, now, cancellationToken), limit, now.Date.AddDays(1), now);
    }

    /// <summary>The standing when the caller is at or over a limit, else null. An unlimited caller costs no counter read.</summary>
    public async Task<QuotaStanding?> OverLimitAsync(CurrentUser caller, CancellationToken cancellationToken)
    {
        var limit = await LimitOfAsync(caller, cancellationToken);
        if (limit == QuotaLimit.Unlimited) return null;
        var now = time.GetUtcNow().UtcDateTime;
        var standing = new QuotaStanding(await UsedAsync(caller.Id, now, cancellationToken), limit, now.Date.AddDays(1), now);
        return standing.IsOver ? standing : null;
    }

    /// <summary>Counts a finished call: its tokens, and one request when an answer began.</summary>
    public async Task RecordAsync(ObjectId userId, long tokens, bool answered)
    {
        var requests = answered ? 1 : 0;
        if (tokens == 0 && requests == 0) return;

        var now = time.GetUtcNow().UtcDateTime;
        var day = DayOf(now);
        var added = new QuotaCount(tokens, requests);
        // Static lambdas with their state passed in: this runs at the end of every call.
        _days.AddOrUpdate(userId, static (_, a) => new DayView(a.day, a.added, DateTime.MinValue),
            static (_, old, a) => old.Day == a.day
                ? old with { Count = new QuotaCount(old.Count.Tokens + a.added.Tokens, old.Count.Requests + a.added.Requests) }
                : new DayView(a.day, a.added, DateTime.MinValue),
            (day, added));
        if (!database.IsAvailable) return;
        try
        {
            var total = await counters.AddAsync(userId, day, tokens, requests, CancellationToken.None);
            _days.AddOrUpdate(userId, static (_, a) => new DayView(a.day, a.total, a.now),
                static (_, old, a) => old.Day == a.day ? new DayView(a.day, Max(old.Count, a.total), a.now) : old, (day, total, now));
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            logger.LogWarning("The quota count of {Tokens} tokens by user {User} was kept on this replica only: MongoDB went away ({Reason})", tokens, userId, ex.Message);
        }
    }

    /// <summary>An admin changed the user's quota, role or state: read their override afresh.</summary>
    public void Forget(ObjectId userId) => cache.Remove(OverrideKey(userId));

    private async Task<QuotaLimit> LimitOfAsync(CurrentUser caller, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(OverrideKey(caller.Id), out Override? found) || found is null)
        {
            // While MongoDB is down the override is unknown; the role's default applies meanwhile.
            if (!database.IsAvailable) return options.CurrentValue.For(caller.Role);
            var user = await users.FindByIdAsync(caller.Id, cancellationToken);
            found = new Override(user?.Quota);
            cache.Set(OverrideKey(caller.Id), found, ActiveUsers.Remember);
        }

        return found.Limit ?? options.CurrentValue.For(caller.Role);
    }

    private async Task<QuotaCount> UsedAsync(ObjectId userId, DateTime now, CancellationToken cancellationToken)
    {
        var day = DayOf(now);
        if (_days.TryGetValue(userId, out var view) && view.Day == day && now - view.ReadAt < options.CurrentValue.RefreshEvery) return view.Count;
        if (!database.IsAvailable) return view?.Day == day ? view.Count : default;

        var total = await counters.ReadAsync(userId, day, cancellationToken);
        var fresh = _days.AddOrUpdate(userId, _ => new DayView(day, total, now), (_, old) => new DayView(day, old.Day == day ? Max(old.Count, total) : total, now));
        return fresh.Count;
    }

    private static QuotaCount Max(QuotaCount a, QuotaCount b) => new(Math.Max(a.Tokens, b.Tokens), Math.Max(a.Requests, b.Requests));

    public static string DayOf(DateTime utc) => utc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A key of its own type, not a string built on every generation.</summary>
    private static object OverrideKey(ObjectId userId) => new OverrideEntry(userId);

    private readonly record struct OverrideEntry(ObjectId UserId);

    private sealed record DayView(string Day, QuotaCount Count, DateTime ReadAt);

    private sealed record Override(QuotaLimit? Limit);
}
