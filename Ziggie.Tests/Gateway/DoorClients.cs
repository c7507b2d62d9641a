using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using OpenAI;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Gateway;

/// <summary>The doors' clients set up as their users set them up: a base URL under the backend, the key or token as the bearer.</summary>
public static class DoorClients
{
    /// <summary>An HttpClient for a door (OllamaSharp's way): the base address ends in '/', the token in Authorization.</summary>
    public static HttpClient Http(TestBackend ziggie, string prefix, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(ziggie.Client.BaseAddress!, prefix.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The OpenAI .NET SDK at <c>/v1</c>, the token as its API key.</summary>
    public static OpenAIClient OpenAi(TestBackend ziggie, string token) => new(new ApiKeyCredential(token), new OpenAIClientOptions
    {
        Endpoint = new Uri(ziggie.Client.BaseAddress!, "v1"),
        // The SDK retries 429 and 5xx on its own; these tests look at the first answer.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });
}
