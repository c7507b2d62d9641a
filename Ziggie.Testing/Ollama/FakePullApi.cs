using Microsoft.AspNetCore.Http;

namespace Ziggie.Testing.Ollama;

/// <summary>
/// <c>POST /api/pull</c>: "pulling manifest", download progress for the model's layer, "verifying sha256
/// digest", "writing manifest", "success". Failures arrive as an <c>{"error": ...}</c> line inside a 200
/// stream, because Ollama has already sent its first line when the registry or download fails.
/// </summary>
internal static class FakePullApi
{
    private sealed record PullBody(string? Model, string? Name, bool? Stream);

    private sealed record PullProgress(string Status, string? Digest = null, long? Total = null, long? Completed = null);

    public static async Task PullAsync(FakeExchange exchange)
    {
        var body = await exchange.ReadBodyAsync<PullBody>();
        if (body is null) return;
        var name = string.IsNullOrWhiteSpace(body.Model) ? body.Name : body.Model;
        if (string.IsNullOrWhiteSpace(name))
        {
            await exchange.WriteErrorAsync(StatusCodes.Status400BadRequest, "invalid model name");
            return;
        }

        if (body.Stream ?? true)
        {
            var writer = new FakeNdjsonWriter(exchange);
            await foreach (var line in ProgressAsync(exchange, name)) await writer.WriteAsync(line);
            return;
        }

        // Unstreamed, Ollama waits for the end and answers only the last status, or the error as a 500.
        object last = new PullProgress("success");
        await foreach (var line in ProgressAsync(exchange, name)) last = line;
        await exchange.WriteJsonAsync(last, last is FakeOllamaError ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
    }

    private static async IAsyncEnumerable<object> ProgressAsync(FakeExchange exchange, string name)
    {
        yield return new PullProgress("pulling manifest");
        if (exchange.Fake.Library.Find(name) is not { } model)
        {
            yield return new FakeOllamaError("pull model manifest: file does not exist");
            yield break;
        }

        var settings = exchange.Settings;
        for (var step = 0; step <= settings.PullSteps; step++)
        {
            if (settings.FailPullAfterSteps == step)
            {
                yield return new FakeOllamaError(settings.PullFailureMessage);
                yield break;
            }
            if (step == settings.PullSteps) break;

            await exchange.PauseAsync(settings.PullStepDelay);
            // Ollama names a layer by the first 12 hex digits of its digest.
            yield return new PullProgress(
                $"pulling {model.Digest[..12]}", $"sha256:{model.Digest}", model.Size,
                model.Size * (step + 1) / settings.PullSteps);
        }

        yield return new PullProgress("verifying sha256 digest");
        yield return new PullProgress("writing manifest");
        exchange.Fake.LocalModels.Put(model with { ModifiedAt = DateTimeOffset.UtcNow });
        yield return new PullProgress("success");
    }
}
