using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Ziggie.Backend.Health;
using Ziggie.Backend.Ollama;
using Ziggie.Backend.Orchestration;
using Ziggie.ServiceDefaults;

namespace Ziggie.Backend.Llm;

public static class OllamaRegistration
{
    /// <summary>
    /// The one Ollama client (<see cref="OllamaClient"/>) and its two HTTP clients, from <c>ConnectionStrings:ollama</c>
    /// (and <c>ollama-1</c>, … for more nodes, <see cref="OllamaNodes"/>) only. Neither keeps the resilience handler that <c>AddServiceDefaults</c> puts on every client: its 10 s attempt
    /// timeout would cut every long answer. Generate, chat, pull and delete go through
    /// <see cref="OllamaClient.CallsClientName"/>, which never retries (a retried generate would run twice) and is
    /// limited by <see cref="LlmOptions"/> instead; <see cref="OllamaClient.QueriesClientName"/> retries the read-only
    /// questions (<see cref="OllamaRetry"/>).
    /// </summary>
    public static IHostApplicationBuilder AddOllama(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<RoutingOptions>()
            .BindConfiguration(RoutingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // ConnectionStrings:ollama, ollama-1, …: the nodes; the first one is also "the" Ollama of one-node answers.
        builder.Services.AddSingleton(sp => OllamaNodes.Read(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<OllamaNodes>().First.Connection);
        builder.Services.AddSingleton<NodeRouter>();
#pragma warning disable EXTEXP0001 // Experimental, but the only way to take back the handler AddServiceDefaults puts on every client.
        // No logging handlers either: their lines (four per call, at Information) repeat what the call's trace
        // already says, and their scopes cost every stream an allocation per handler.
        builder.Services.AddHttpClient(OllamaClient.CallsClientName, ConfigureOllamaClient)
            .ConfigurePrimaryHttpMessageHandler(ConfigureOllamaHandler)
            .RemoveAllResilienceHandlers()
            .RemoveAllLoggers()
            .ConfigureAdditionalHttpMessageHandlers(RemoveServiceDiscovery);
        builder.Services.AddHttpClient(OllamaClient.QueriesClientName, ConfigureOllamaClient)
            .ConfigurePrimaryHttpMessageHandler(ConfigureOllamaHandler)
            .RemoveAllResilienceHandlers()
            .RemoveAllLoggers()
            .ConfigureAdditionalHttpMessageHandlers(RemoveServiceDiscovery)
            .AddResilienceHandler(OllamaRetry.PipelineName, OllamaRetry.Configure);
#pragma warning restore EXTEXP0001

        builder.Services.AddSingleton<OllamaClient>();
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<PullTracker>();
        builder.Services.AddSingleton<LlmTelemetry>();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(LlmTelemetry.SourceName))
            .WithMetrics(metrics => metrics.AddMeter(LlmTelemetry.SourceName));
        builder.Services.AddSingleton<OllamaRelay>();
        builder.Services.AddSingleton<OllamaStatusProbe>();

        builder.Services.AddHealthChecks()
            .AddCheck<OllamaHealthCheck>("ollama", HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>No base address: every request names its node's (<see cref="OllamaNode.UriFor"/>).</summary>
    private static void ConfigureOllamaClient(HttpClient http) => http.Timeout = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Every node is a concrete URL from its connection string (a host name there is resolved by DNS, as in compose), so
    /// the service-discovery handler <c>AddServiceDefaults</c> puts on every client has nothing to resolve; it only
    /// rebuilt each request's URI on the way to the first token (Ziggie.Bench, docs/performance.md).
    /// </summary>
    private static void RemoveServiceDiscovery(IList<DelegatingHandler> handlers, IServiceProvider services)
    {
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            // By name: the handler's type is internal to Microsoft.Extensions.ServiceDiscovery.
            if (handlers[i].GetType().FullName == ServiceDiscoveryHandler) handlers.RemoveAt(i);
        }
    }

    private const string ServiceDiscoveryHandler = "Microsoft.Extensions.ServiceDiscovery.Http.ResolvingHttpDelegatingHandler";

    /// <summary>Ollama sets no cookies and sends no redirects: a handler for either is work on every call for nothing.</summary>
    private static void ConfigureOllamaHandler(HttpMessageHandler handler, IServiceProvider services)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.UseCookies = false;
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler http:
                http.UseCookies = false;
                http.AllowAutoRedirect = false;
                break;
        }
    }
}
