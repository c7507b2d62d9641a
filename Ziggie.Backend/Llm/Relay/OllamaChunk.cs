using System.Buffers;
using System.Text.Json;

namespace Ziggie.Backend.Llm;

/// <summary>
/// What the relay needs to know of one NDJSON line from Ollama, read without building a DOM so a
/// streamed token costs next to nothing: whether it is the last, an error, and (on request) its text.
/// The statistics come only in the last line of a generation, the progress fields only in pull lines.
/// </summary>
public readonly record struct OllamaChunk(bool Done, string? Error, string? Text, string? DoneReason, int? EvalCount, int? PromptEvalCount)
{
    /// <summary>Nanoseconds Ollama spent producing the <see cref="EvalCount"/> tokens.</summary>
    public long? EvalDuration { get; init; }

    /// <summary>A pull line's status: "pulling manifest", "pulling 6a0746a1ec1a", ..., "success".</summary>
    public string? Status { get; init; }

    /// <summary>Bytes of the layer a pull line reports on.</summary>
    public long? Total { get; init; }

    /// <summary>Bytes of that layer downloaded so far.</summary>
    public long? Completed { get; init; }

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
        long? evalDuration = null, total = null, completed = null;
        string? status = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("done"u8)) done = reader.TokenType == JsonTokenType.True;
            else if (name.SequenceEqual("error"u8)) error = reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString();
            else if (name.SequenceEqual("done_reason"u8) && reader.TokenType == JsonTokenType.String) doneReason = reader.GetString();
            else if (name.SequenceEqual("eval_count"u8) && reader.TokenType == JsonTokenType.Number) evalCount = reader.GetInt32();
            else if (name.SequenceEqual("prompt_eval_count"u8) && reader.TokenType == JsonTokenType.Number) promptEvalCount = reader.GetInt32();
            else if (name.SequenceEqual("eval_duration"u8) && reader.TokenType == JsonTokenType.Number) evalDuration = reader.GetInt64();
            else if (name.SequenceEqual("status"u8) && reader.TokenType == JsonTokenType.String) status = reader.GetString();
            else if (name.SequenceEqual("total"u8) && reader.TokenType == JsonTokenType.Number) total = reader.GetInt64();
            else if (name.SequenceEqual("completed"u8) && reader.TokenType == JsonTokenType.Number) completed = reader.GetInt64();
            else if (captureText && name.SequenceEqual("response"u8) && reader.TokenType == JsonTokenType.String) text = reader.GetString();
            else if (captureText && name.SequenceEqual("message"u8) && reader.TokenType == JsonTokenType.StartObject) text = ReadContent(ref reader);
            else reader.Skip();
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("The line is not a complete JSON object.");
        }

        return new OllamaChunk(done, error, text, doneReason, evalCount, promptEvalCount)
        {
            EvalDuration = evalDuration,
            Status = status,
            Total = total,
            Completed = completed,
        };
    }

    private static string? ReadContent(ref Utf8JsonReader reader)
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
