namespace Ziggie.AppHost.Deployment;

/// <summary>
/// The optional Aspire dashboard of the compose project (profile <c>dashboard</c>): the same telemetry view as
/// <c>dotnet run --project Ziggie.AppHost</c>, fed over OTLP by every service the model exports telemetry from.
/// </summary>
internal static class ComposeDashboard
{
    public const string ServiceName = "dashboard";
    public const string Profile = "dashboard";
    public const int UiPort = 18888;
    public const int OtlpGrpcPort = 18889;
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>What <see cref="OtlpEndpointVariable"/> is set to in <c>.env</c> when the dashboard runs.</summary>
    public static string OtlpEndpoint => $"http://{ServiceName}:{OtlpGrpcPort}";

    /// <summary>The released dashboard image of the Aspire major version this AppHost is built with.</summary>
    public static string Image { get; } =
        $"mcr.microsoft.com/dotnet/aspire-dashboard:{typeof(DistributedApplication).Assembly.GetName().Version!.Major}";

    /// <summary>Points a service's OpenTelemetry exporter at the dashboard, as the AppHost does when it runs the service.</summary>
    public static void AddOtlpExporter(OrderedDictionary<string, object?> environment, string service)
    {
        // Empty unless .env (or the shell) sets it for the dashboard profile: with no endpoint the service exports
        // nothing, instead of retrying a host that does not exist every few seconds.
        environment.TryAdd(OtlpEndpointVariable, $"${{{OtlpEndpointVariable}:-}}");
        environment.TryAdd("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        environment.TryAdd("OTEL_SERVICE_NAME", service);
    }

    /// <summary>
    /// The dashboard service. Its UI is published on the host's loopback only; the login token is in its log
    /// (<c>docker compose logs dashboard</c>). OTLP stays inside the network, so it needs no API key.
    /// No health check: the image carries no probe tool (microsoft/aspire#3407), and nothing waits for it.
    /// </summary>
    public static OrderedDictionary<string, object?> Create() => new()
    {
        ["image"] = Image,
        ["profiles"] = new List<object?> { Profile },
        ["environment"] = new OrderedDictionary<string, object?> { ["DASHBOARD__OTLP__AUTHMODE"] = "Unsecured" },
        ["ports"] = new List<object?> { $"127.0.0.1:{UiPort}:{UiPort}" },
        ["restart"] = ComposeServices.RestartPolicy,
        ["networks"] = new List<object?> { ComposeServices.NetworkName },
    };
}
