using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Http.Resilience;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Ollama;

namespace Ziggie.Tests.Ollama;

/// <summary>
/// What stands between a relayed call and the socket. AddServiceDefaults gives every client a resilience handler
/// (whose attempt timeout would cut long answers), logging handlers and service discovery; the Ollama clients keep
/// none of them but the queries client's own retry (docs/performance.md measured each on the way to the first token).
/// </summary>
public class OllamaClientHandlersTests
{
    [Theory]
    [InlineData(OllamaClient.CallsClientName, 0)]
    [InlineData(OllamaClient.QueriesClientName, 1)]
    public void Ollama_clients_carry_no_service_discovery_logging_or_default_resilience(string client, int retryHandlers)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:ollama"] = "Endpoint=http://127.0.0.1:1" });
        builder.AddServiceDefaults();
        builder.AddOllama();
        using var host = builder.Build();

        var chain = Chain(host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(client));

        // By namespace, so a renamed handler of the package is caught too.
        Assert.DoesNotContain(chain, h => h.GetType().Namespace!.StartsWith("Microsoft.Extensions.ServiceDiscovery", StringComparison.Ordinal));
        Assert.DoesNotContain(chain, h => h is LoggingHttpMessageHandler or LoggingScopeHttpMessageHandler);
        Assert.Equal(retryHandlers, chain.Count(h => h is ResilienceHandler));
        var sockets = Assert.IsType<SocketsHttpHandler>(chain[^1]);
        Assert.False(sockets.UseCookies);
        Assert.False(sockets.AllowAutoRedirect);
    }

    private static List<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        var chain = new List<HttpMessageHandler> { handler };
        while (handler is DelegatingHandler { InnerHandler: { } inner })
        {
            chain.Add(inner);
            handler = inner;
        }

        return chain;
    }
}
