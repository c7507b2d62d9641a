namespace Ziggie.Testing.Ollama;

/// <summary>What health checks call: <c>/</c> and <c>/api/version</c>.</summary>
internal static class FakeStatusApi
{
    private sealed record VersionReply(string Version);

    public static Task RootAsync(FakeExchange exchange) => exchange.WriteTextAsync("Ollama is running");

    public static async Task VersionAsync(FakeExchange exchange)
    {
        await exchange.PauseAsync(exchange.Settings.VersionDelay);
        await exchange.WriteJsonAsync(new VersionReply(exchange.Settings.Version));
    }
}
