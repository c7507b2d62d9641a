using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ziggie.Backend.Llm;

/// <summary>
/// What a whole answer (<c>"stream": false</c>) gathers besides its text: the model's thinking and the tools it
/// called. Ollama streams both in the lines before the last (<c>thinking</c> / <c>message.thinking</c>,
/// <c>message.tool_calls</c>) and puts them together in its own unstreamed answer, so a client asking for one
/// object must find them there. Only the lines that mention them are parsed; a plain token costs a byte search.
/// </summary>
public sealed class WholeAnswerParts(bool isChat)
{
    private StringBuilder? _thinking;
    private JsonArray? _toolCalls;

    public void Add(in ReadOnlySequence<byte> line)
    {
        var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        if (bytes.IndexOf("\"thinking\""u8) < 0 && bytes.IndexOf("\"tool_calls\""u8) < 0) return;

        var holder = JsonNode.Parse(bytes) is JsonObject parsed ? isChat ? parsed["message"] as JsonObject : parsed : null;
        if (holder?["thinking"] is JsonValue thought && thought.TryGetValue<string>(out var text)) (_thinking ??= new()).Append(text);
        if (holder?["tool_calls"] is JsonArray calls)
        {
            foreach (var call in calls) (_toolCalls ??= []).Add(call?.DeepClone());
        }
    }

    /// <summary>Puts them into Ollama's last object, in place of what that line alone carried.</summary>
    public void Into(JsonObject final)
    {
        var holder = isChat ? final["message"] as JsonObject ?? (JsonObject)(final["message"] = new JsonObject { ["role"] = "assistant" }) : final;
        if (_thinking is not null) holder["thinking"] = _thinking.ToString();
        if (_toolCalls is not null) holder["tool_calls"] = _toolCalls;
    }
}
