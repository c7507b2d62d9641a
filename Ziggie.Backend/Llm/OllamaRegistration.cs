using Microsoft.Extensions.Diagnostics.HealthChecks;
using OllamaSharp;
using Ziggie.Backend.Health;
using Ziggie.Backend.Orchestration;
using Ziggie.ServiceDefaults;

namespace Ziggie.Backend.Llm;

public static class OllamaRegistration
{
    /// <summary>The client for Ollama's read-only questions (version, tags, show), with bounded retries.</summary>
    public const string QueryClientName = "ollama-queries";

    /// <summary>
    /// The Ollama clients, from <c>ConnectionStrings:ollama</c> only. Neither keeps the resilience handler
    /// that <c>AddServiceDefaults</c> puts on every client: its 10 s attempt timeout would cut every long
    /// answer. Generate, chat, pull and delete go through <see cref="OllamaRelay.HttpClientName"/>, which never
    /// retries (a retried generate would run twice) and is limited by <see cref="LlmOptions"/> instead;
    /// <see cref="QueryClientName"/> retries the read-only questions (<see cref="OllamaRetry"/>).
    /// </summary>
    public static IHostApplicationBuilder AddOllama(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(sp => OllamaConnection.Parse(sp.GetRequiredService<IConfiguration>()[RequiredConfiguration.OllamaKey]));
#pragma warning disable EXTEXP0001 // Experimental, but the only way to take back the handler AddServiceDefaults puts on every client.
        builder.Services.AddHttpClient(OllamaRelay.HttpClientName, ConfigureOllamaClient)
            .RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient(QueryClientName, ConfigureOllamaClient)
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler(OllamaRetry.PipelineName, OllamaRetry.Configure);
#pragma warning restore EXTEXP0001

        builder.Services.AddTransient<IOllamaApiClient>(sp =>
            new OllamaApiClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(QueryClientName)));
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<PullTracker>();
        builder.Services.AddSingleton<LlmTelemetry>();
        builder.Services.AddSingleton<OllamaRelay>();
        builder.Services.AddSingleton<OllamaStatusProbe>();

        builder.Services.AddHealthChecks()
            .AddCheck<OllamaHealthCheck>("ollama", HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        return builder;
    }

    static void ConfigureOllamaClient(IServiceProvider services, HttpClient http)
    {
        http.BaseAddress = services.GetRequiredService<OllamaConnection>().Endpoint;
        http.Timeout = Timeout.InfiniteTimeSpan;
    }
}
