using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ziggie.Backend.Llm;

/// <summary>A whole answer (<c>"stream": false</c>): Ollama's stream joined into its final object.</summary>
static class OllamaAnswer
{
    /// <summary>Ollama's final object with the whole text in it, or null and the line that ended the answer early.</summary>
    public static async Task<(JsonObject? Answer, UpstreamLine Failure)> JoinAsync(
        OllamaCall call, OllamaExchange exchange, UpstreamLine line, OllamaCallWatch watch)
    {
        var text = new StringBuilder();
        while (line is { Kind: LineKind.Chunk, Chunk.Error: null })
        {
            watch.OnLine(line.Chunk);
            text.Append(line.Chunk.Text);
            if (call.IsLast(line.Chunk))
            {
                watch.Succeed();
                return (WithText(call, JsonNode.Parse(line.Bytes.ToArray())!.AsObject(), text.ToString()), default);
            }

            line = await exchange.NextAsync();
        }

        watch.Fail(line.Kind, line.Chunk.Error ?? line.Reason);
        return (null, line);
    }

    /// <summary>Ollama's own non-streamed answer is its last chunk with the whole text in it.</summary>
    static JsonObject WithText(OllamaCall call, JsonObject final, string text)
    {
        if (call.IsChat)
        {
            var message = final["message"] as JsonObject ?? new JsonObject { ["role"] = "assistant" };
            message["content"] = text;
            final["message"] = message;
        }
        else
        {
            final["response"] = text;
        }

        return final;
    }
}
