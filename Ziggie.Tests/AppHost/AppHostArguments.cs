using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// What every AppHost a test starts is told, so that it leaves nothing behind and sends nothing elsewhere: the
/// secret parameters (nothing to generate, so nothing to persist), and an OTLP endpoint of the test run's own
/// (without one the backend exports to localhost:4317, where a developer's own dashboard may be listening).
/// </summary>
public static class AppHostArguments
{
    public const string AdminPassword = "an-admin-password-for-the-apphost-tests";
    public const string SigningKey = "a-signing-key-for-the-apphost-tests-0123456789abcdef0123456789";

    /// <summary>A MongoDB address where nothing listens: the backend runs degraded, as it does when MongoDB is down.</summary>
    public const string ClosedMongoDB = "mongodb://127.0.0.1:1/ziggie";

    private static readonly Lazy<Task<OtlpCollector>> Sink = new(() => OtlpCollector.StartAsync(CancellationToken.None));

    /// <summary>Existing-services mode against <paramref name="ollama"/>, the closed MongoDB and <paramref name="otlp"/>.</summary>
    public static string[] ExistingServices(Uri ollama, Uri otlp, params string[] more) =>
    [
        $"ConnectionStrings:ziggiedb={ClosedMongoDB}",
        $"Ziggie:Ollama:Url={ollama}",
        .. Secrets(otlp),
        .. more,
    ];

    /// <summary>The parameters and the OTLP endpoint alone.</summary>
    public static string[] Secrets(Uri otlp) =>
    [
        $"Parameters:admin-password={AdminPassword}",
        $"Parameters:jwt-signing-key={SigningKey}",
        $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL={otlp}",
    ];

    /// <summary>A collector shared by the tests that do not look at telemetry: it takes everything and keeps it to itself.</summary>
    public static async Task<Uri> TelemetrySinkAsync() => (await Sink.Value).BaseAddress;
}
