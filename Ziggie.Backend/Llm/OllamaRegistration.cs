using Microsoft.Extensions.Diagnostics.HealthChecks;
using OllamaSharp;
using Ziggie.Backend.Health;
using Ziggie.Backend.Orchestration;
using Ziggie.ServiceDefaults;

namespace Ziggie.Backend.Llm;

public static class OllamaRegistration
{
    /// <summary>
    /// The Ollama client, from <c>ConnectionStrings:ollama</c> only. Its HttpClient has no resilience
    /// handler: the standard 10 s attempt timeout would cut every long answer, and a retried
    /// generate would run twice. Generation is limited by <see cref="LlmOptions"/> instead.
    /// </summary>
    public static IHostApplicationBuilder AddOllama(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(sp => OllamaConnection.Parse(sp.GetRequiredService<IConfiguration>()[RequiredConfiguration.OllamaKey]));
#pragma warning disable EXTEXP0001 // Experimental, but the only way to take back the handler AddServiceDefaults puts on every client.
        builder.Services.AddHttpClient(OllamaRelay.HttpClientName, (sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<OllamaConnection>().Endpoint;
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        builder.Services.AddTransient<IOllamaApiClient>(sp =>
            new OllamaApiClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(OllamaRelay.HttpClientName)));
        builder.Services.AddSingleton<OllamaRelay>();
        builder.Services.AddSingleton<OllamaStatusProbe>();

        builder.Services.AddHealthChecks()
            .AddCheck<OllamaHealthCheck>("ollama", HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
