namespace Ziggie.Backend.Gateway.Ollama;

/// <summary><c>/api/embed</c> (<c>input</c>: a string or strings) and the older <c>/api/embeddings</c> (<c>prompt</c>), answered as Ollama answers.</summary>
public static class OllamaEmbed
{
    public static Task<IResult> Embed(HttpContext http, EmbedCall embed) => SendAsync(http, embed, "api/embed", "input");

    public static Task<IResult> Embeddings(HttpContext http, EmbedCall embed) => SendAsync(http, embed, "api/embeddings", "prompt");

    private static async Task<IResult> SendAsync(HttpContext http, EmbedCall embed, string path, string inputField)
    {
        var (body, problem) = await DoorBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        if (DoorBody.Model(body!, out var model) is { } invalid) return invalid;
        var passage = await embed.SendAsync(http, path, body!, model, EmbedCall.InputChars(body![inputField]));
        return passage.AsIs();
    }
}
