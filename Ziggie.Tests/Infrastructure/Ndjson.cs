using System.Net.Http.Json;
using System.Text.Json;

namespace Ziggie.Tests.Infrastructure;

public static class Ndjson
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Sends a JSON POST and returns as soon as the headers are in, so the body can be read as it streams.</summary>
    public static Task<HttpResponseMessage> PostStreamingAsync(this HttpClient client, string path, object body) =>
        client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) },
            HttpCompletionOption.ResponseHeadersRead,
            TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public static async Task<JsonElement?> ReadJsonLineAsync(this StreamReader reader)
    {
        var line = await reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return line is null ? null : JsonDocument.Parse(line).RootElement.Clone();
    }

    public static async Task<List<JsonElement>> ReadAllLinesAsync(this StreamReader reader)
    {
        var lines = new List<JsonElement>();
        while (await reader.ReadJsonLineAsync() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    public static async Task<StreamReader> ReaderAsync(this HttpResponseMessage response) =>
        new(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
}
