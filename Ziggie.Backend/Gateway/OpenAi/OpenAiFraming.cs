using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ziggie.Backend.Llm;

namespace Ziggie.Backend.Gateway.OpenAi;

public enum OpenAiShape { Chat, Completion }

/// <summary>
/// Ollama's lines as OpenAI's server-sent events: one <c>data: {chunk}</c> event per token, the finish reason on
/// the last, then (with <c>stream_options.include_usage</c>) a usage event with Ollama's own token counts, then
/// <c>data: [DONE]</c>. A whole answer is one <c>chat.completion</c> / <c>text_completion</c> object.
/// A stream that breaks ends with <c>data: {"error":{...}}</c> and no <c>[DONE]</c>.
/// </summary>
public sealed class OpenAiFraming(OpenAiShape shape, string model, bool includeUsage) : IAnswerFraming
{
    private const string Fingerprint = "fp_ollama"; // what Ollama's own /v1 sends; some clients log it

    private readonly string _id = (shape == OpenAiShape.Chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N")[..24];
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private Utf8JsonWriter? _json;
    private bool _roleSent;

    public string ContentType => "text/event-stream";

    /// <summary>Each event is put together here and copied to the response once: Kestrel's response writer takes a lock
    /// for every GetSpan and Advance, and an event written piece by piece there took five of each.</summary>
    private readonly ArrayBufferWriter<byte> _event = new(512);

    public void WriteLine(IBufferWriter<byte> body, in UpstreamLine line, bool last)
    {
        _event.ResetWrittenCount();
        WriteEvents(_event, line.Chunk, last);
        body.Write(_event.WrittenSpan);
    }

    private void WriteEvents(IBufferWriter<byte> body, in OllamaChunk chunk, bool last)
    {
        var json = Begin(body);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        if (shape == OpenAiShape.Chat)
        {
            json.WriteStartObject("delta");
            if (!_roleSent) json.WriteString("role", "assistant");
            if (!last || !string.IsNullOrEmpty(chunk.Text)) json.WriteString("content", chunk.Text ?? "");
            json.WriteEndObject();
            _roleSent = true;
        }
        else
        {
            json.WriteString("text", chunk.Text ?? "");
        }

        if (last) json.WriteString("finish_reason", FinishReason(chunk.DoneReason));
        else json.WriteNull("finish_reason");
        json.WriteEndObject();
        json.WriteEndArray();
        End(body);
        if (!last) return;

        if (includeUsage)
        {
            json = Begin(body);
            json.WriteStartArray("choices");
            json.WriteEndArray();
            WriteUsage(json, chunk.PromptEvalCount, chunk.EvalCount);
            End(body);
        }

        body.Write("data: [DONE]\n\n"u8);
    }

    public void WriteError(IBufferWriter<byte> body, string error)
    {
        body.Write("data: "u8);
        using (var json = new Utf8JsonWriter(body))
        {
            OpenAiError.Write(json, new OpenAiError.Kind("server_error", "upstream_error"), error);
        }

        body.Write("\n\n"u8);
    }

    public IResult Whole(OllamaCall call, JsonObject final, CallResult result)
    {
        var reason = FinishReason(result.DoneReason);
        var choice = shape == OpenAiShape.Chat
            ? new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = result.Text }, ["finish_reason"] = reason }
            : new JsonObject { ["text"] = result.Text, ["index"] = 0, ["finish_reason"] = reason };
        var (prompt, completion) = (result.PromptTokens ?? 0, result.CompletionTokens ?? 0);
        return TypedResults.Ok(new JsonObject
        {
            ["id"] = _id,
            ["object"] = shape == OpenAiShape.Chat ? "chat.completion" : "text_completion",
            ["created"] = _created,
            ["model"] = model,
            ["system_fingerprint"] = Fingerprint,
            ["choices"] = new JsonArray(choice),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
        });
    }

    private static string FinishReason(string? doneReason) => doneReason == "length" ? "length" : "stop";

    // One writer per stream, reset per event: a token costs no writer allocation.
    private Utf8JsonWriter Begin(IBufferWriter<byte> body)
    {
        body.Write("data: "u8);
        if (_json is null) _json = new Utf8JsonWriter(body);
        else _json.Reset(body);
        _json.WriteStartObject();
        _json.WriteString("id", _id);
        _json.WriteString("object", shape == OpenAiShape.Chat ? "chat.completion.chunk" : "text_completion");
        _json.WriteNumber("created", _created);
        _json.WriteString("model", model);
        _json.WriteString("system_fingerprint", Fingerprint);
        return _json;
    }

    private void End(IBufferWriter<byte> body)
    {
        _json!.WriteEndObject();
        _json.Flush();
        body.Write("\n\n"u8);
    }

    private static void WriteUsage(Utf8JsonWriter json, int? prompt, int? completion)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", prompt ?? 0);
        json.WriteNumber("completion_tokens", completion ?? 0);
        json.WriteNumber("total_tokens", (prompt ?? 0) + (completion ?? 0));
        json.WriteEndObject();
    }
}
