using System.Buffers;
using System.Text.Json;

namespace Ziggie.Backend.Llm;

/// <summary>
/// What the relay needs to know of one NDJSON line from Ollama, read without building a DOM so a
/// streamed token costs next to nothing: whether it is the last, an error, and (on request) its text.
/// </summary>
public readonly record struct OllamaChunk(bool Done, string? Error, string? Text, string? DoneReason, int? EvalCount, int? PromptEvalCount)
{
    /// <summary>Reads a line of <c>/api/generate</c> (text in <c>response</c>) or <c>/api/chat</c> (text in <c>message.content</c>).</summary>
    /// <exception cref="JsonException">The line is not a JSON object.</exception>
    public static OllamaChunk Read(ReadOnlySequence<byte> line, bool captureText)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The line is not a JSON object.");
        }

        bool done = false;
        string? error = null, text = null, doneReason = null;
        int? evalCount = null, promptEvalCount = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("done"u8)) done = reader.TokenType == JsonTokenType.True;
            else if (name.SequenceEqual("error"u8)) error = reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString();
            else if (name.SequenceEqual("done_reason"u8) && reader.TokenType == JsonTokenType.String) doneReason = reader.GetString();
            else if (name.SequenceEqual("eval_count"u8) && reader.TokenType == JsonTokenType.Number) evalCount = reader.GetInt32();
            else if (name.SequenceEqual("prompt_eval_count"u8) && reader.TokenType == JsonTokenType.Number) promptEvalCount = reader.GetInt32();
            else if (captureText && name.SequenceEqual("response"u8) && reader.TokenType == JsonTokenType.String) text = reader.GetString();
            else if (captureText && name.SequenceEqual("message"u8) && reader.TokenType == JsonTokenType.StartObject) text = ReadContent(ref reader);
            else reader.Skip();
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("The line is not a complete JSON object.");
        }

        return new OllamaChunk(done, error, text, doneReason, evalCount, promptEvalCount);
    }

    static string? ReadContent(ref Utf8JsonReader reader)
    {
        string? content = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isContent = reader.ValueSpan.SequenceEqual("content"u8);
            reader.Read();
            if (isContent && reader.TokenType == JsonTokenType.String) content = reader.GetString();
            else reader.Skip();
        }

        return content;
    }
}
