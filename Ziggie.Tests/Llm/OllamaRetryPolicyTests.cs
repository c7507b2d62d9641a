using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Ollama;

namespace Ziggie.Tests.Llm;

/// <summary>The retry pipeline itself: whichever client it sits on, it repeats only the read-only questions.</summary>
public class OllamaRetryPolicyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "api/version", 3)]
    [InlineData("GET", "api/tags", 3)]
    [InlineData("POST", "api/show", 3)]
    [InlineData("POST", "api/generate", 1)]
    [InlineData("POST", "api/chat", 1)]
    [InlineData("POST", "api/pull", 1)]
    [InlineData("DELETE", "api/delete", 1)]
    public async Task Only_version_tags_and_show_are_tried_again(string method, string path, int attempts)
    {
        var busy = new AlwaysBusy();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        OllamaRetry.Configure(pipeline);
        using var client = new HttpClient(new ResilienceHandler(pipeline.Build()) { InnerHandler = busy }) { BaseAddress = new Uri("http://ollama.test/") };

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel)
            .WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(attempts, busy.Calls);
    }

    private sealed class AlwaysBusy : HttpMessageHandler
    {
        public int Calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}
