using System.Data.Common;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The few calls of Ollama's REST API the AppHost makes for its model resources and dashboard commands. The
/// server's address comes from its connection string at call time, so the container and an existing Ollama
/// are reached the same way.
/// </summary>
internal sealed class OllamaHttp(HttpClient http, IResourceWithConnectionString server)
{
    /// <summary>The HttpClient name: no timeout, since a pull may take an hour.</summary>
    public const string ClientName = "ziggie-ollama-models";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<OllamaModelInfo>> ListAsync(CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<ModelsReply>(await UrlAsync("api/tags", cancellationToken), Json, cancellationToken))?.Models ?? [];

    public async Task<IReadOnlyList<OllamaModelInfo>> ListLoadedAsync(CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<ModelsReply>(await UrlAsync("api/ps", cancellationToken), Json, cancellationToken))?.Models ?? [];

    /// <summary>Null when Ollama shows the model, else its reason.</summary>
    public async Task<string?> ShowAsync(string model, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(await UrlAsync("api/show", cancellationToken), new { model }, cancellationToken);
        return response.IsSuccessStatusCode ? null : await ReasonAsync(response, cancellationToken);
    }

    /// <summary>Null when the model is gone, else Ollama's reason.</summary>
    public async Task<string?> DeleteAsync(string model, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, await UrlAsync("api/delete", cancellationToken)) { Content = JsonContent.Create(new { model }) };
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : await ReasonAsync(response, cancellationToken);
    }

    /// <summary>A generate without prompt and <c>keep_alive: 0</c> is how Ollama is told to free a model's memory.</summary>
    public async Task<string?> UnloadAsync(string model, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(await UrlAsync("api/generate", cancellationToken), new { model, keep_alive = 0, stream = false }, cancellationToken);
        return response.IsSuccessStatusCode ? null : await ReasonAsync(response, cancellationToken);
    }

    /// <summary>Ollama's progress lines as they come; an error line or a failed request ends with an <see cref="OllamaPullLine.Error"/>.</summary>
    public async IAsyncEnumerable<OllamaPullLine> PullAsync(string model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, await UrlAsync("api/pull", cancellationToken)) { Content = JsonContent.Create(new { model, stream = true }) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            yield return new OllamaPullLine(null, null, null, await ReasonAsync(response, cancellationToken));
            yield break;
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0) yield return JsonSerializer.Deserialize<OllamaPullLine>(line, Json)!;
        }
    }

    /// <summary>Ollama's <c>Endpoint</c> from the server's connection string, which both kinds of server carry.</summary>
    public async Task<Uri> EndpointAsync(CancellationToken cancellationToken)
    {
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.TryGetValue("Endpoint", out var endpoint) && Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri)
            ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/")
            : throw new InvalidOperationException($"The connection string of '{server.Name}' has no Endpoint=http://host:port.");
    }

    private async Task<Uri> UrlAsync(string path, CancellationToken cancellationToken) => new(await EndpointAsync(cancellationToken), path);

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonSerializer.Deserialize<OllamaPullLine>(body, Json)?.Error is { } error) return error;
        }
        catch (JsonException)
        {
        }

        return $"Ollama answered {(int)response.StatusCode} {body}".Trim();
    }

    private sealed record ModelsReply(IReadOnlyList<OllamaModelInfo>? Models);
}

internal sealed record OllamaModelInfo(string Name, long Size);

internal sealed record OllamaPullLine(string? Status, long? Total, long? Completed, string? Error);
