using Microsoft.Extensions.Options;
using Ziggie.Backend.Llm;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Gateway.Ollama;

/// <summary>The Ollama door's questions, answered with Ollama's own body: version, tags, ps and show.</summary>
public static class OllamaPassOn
{
    public static Task<IResult> Version(HttpContext http, OllamaClient ollama, IOptions<LlmOptions> options) =>
        AskAsync(http, ollama, options, "api/version");

    public static Task<IResult> Tags(HttpContext http, OllamaClient ollama, IOptions<LlmOptions> options) =>
        AskAsync(http, ollama, options, "api/tags");

    public static Task<IResult> Running(HttpContext http, OllamaClient ollama, IOptions<LlmOptions> options) =>
        AskAsync(http, ollama, options, "api/ps");

    /// <summary>The body goes on whole (<c>verbose</c> included); only the model name is checked first.</summary>
    public static async Task<IResult> Show(HttpContext http, OllamaClient ollama, IOptions<LlmOptions> options)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        if (DoorBody.Model(body!, out _) is { } invalid) return invalid;
        var passage = await OllamaPassage.SendAsync(ollama, http, HttpMethod.Post, "api/show", body, readOnly: true, options.Value.QueryTimeout);
        return passage.AsIs();
    }

    private static async Task<IResult> AskAsync(HttpContext http, OllamaClient ollama, IOptions<LlmOptions> options, string path)
    {
        var method = HttpMethods.IsHead(http.Request.Method) ? HttpMethod.Head : HttpMethod.Get;
        var passage = await OllamaPassage.SendAsync(ollama, http, method, path, null, readOnly: true, options.Value.QueryTimeout);
        return passage.AsIs();
    }
}
