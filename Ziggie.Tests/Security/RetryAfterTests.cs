using System.Net.Http.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Ziggie.Backend.Security;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>A 429 of the sign-in and generation limits says how long is really left of the caller's window.</summary>
public class RetryAfterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void A_refusal_carries_what_is_left_of_the_window_and_the_window_opens_again_after_it()
    {
        var time = new ManualTime();
        using var window = new CallerWindow(2, TimeSpan.FromMinutes(1), time);

        Assert.True(window.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(window.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromSeconds(30));
        using var refused = window.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(20), wait);
        Assert.Null(window.IdleDuration);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(window.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task Sign_in_429_says_the_seconds_left_of_the_window()
    {
        var time = new ManualTime();
        await using var ziggie = await TestBackend.StartWithServicesAsync(services => services.AddSingleton<TimeProvider>(time),
            ("Ziggie:Limits:LoginsPerMinute", "2"));

        await Login(ziggie);
        await Login(ziggie);
        time.Advance(TimeSpan.FromSeconds(40));
        var refused = await Login(ziggie);

        var problem = await Problems.ReadAsync(refused, 429);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("try again in 20 s", problem.Detail);
        Assert.Contains("Ziggie:Limits:LoginsPerMinute", problem.Detail);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.NotEqual(429, (int)(await Login(ziggie)).StatusCode);
    }

    [Fact]
    public async Task Generation_429_says_the_seconds_left_of_the_window()
    {
        var time = new ManualTime();
        await using var ziggie = await TestBackend.StartWithServicesAsync(services => services.AddSingleton<TimeProvider>(time),
            ("Ziggie:Limits:GenerationsPerMinute", "1"));
        var prompt = new { model = "llama3.2", prompt = "hi" };

        (await ziggie.Client.PostAsJsonAsync("/api/llm/generate", prompt, Cancel)).EnsureSuccessStatusCode();
        time.Advance(TimeSpan.FromSeconds(15));
        var refused = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", prompt, Cancel);

        var problem = await Problems.ReadAsync(refused, 429);
        Assert.Equal(TimeSpan.FromSeconds(45), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Ziggie:Limits:GenerationsPerMinute", problem.Detail);
    }

    [Fact]
    public async Task The_former_rate_limit_section_still_applies()
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:RateLimits:LoginsPerMinute", "1"));

        await Login(ziggie);

        await Problems.ReadAsync(await Login(ziggie), 429);
    }

    private static Task<HttpResponseMessage> Login(TestBackend ziggie) =>
        ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-password" }, Cancel);

    /// <summary>A clock that moves only when told; timers still run on the system clock.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
