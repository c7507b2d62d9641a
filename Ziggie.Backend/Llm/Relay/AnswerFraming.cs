using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ziggie.Backend.Llm;

/// <summary>
/// How the relay frames Ollama's answer for the caller: the output seam of the relay core. Ollama's own
/// NDJSON (<see cref="NdjsonFraming"/>) for Ziggie's routes and the Ollama door; server-sent events in
/// OpenAI's shape for the OpenAI door. The relay keeps the limits, the outcome and the flushing; a framing
/// only turns a line (or the joined answer) into bytes.
/// </summary>
public interface IAnswerFraming
{
    string ContentType { get; }

    /// <summary>One line of a streamed answer; <paramref name="last"/> is Ollama's <c>done</c> line.</summary>
    void WriteLine(IBufferWriter<byte> body, in UpstreamLine line, bool last);

    /// <summary>The end of a stream that broke after its first line.</summary>
    void WriteError(IBufferWriter<byte> body, string error);

    /// <summary>A whole answer (<c>stream:false</c>): Ollama's last line and the joined result.</summary>
    IResult Whole(OllamaCall call, JsonObject final, CallResult result);
}

/// <summary>Ollama's lines as Ollama sent them, byte for byte; errors as Ollama's own <c>{"error":...}</c> line.</summary>
public sealed class NdjsonFraming : IAnswerFraming
{
    public static readonly NdjsonFraming Instance = new();

    public string ContentType => "application/x-ndjson";

    /// <summary>Lines up to this size go out with one GetSpan and one Advance: Kestrel's response writer takes a lock for each.</summary>
    private const int OneSpanLine = 4096;

    public void WriteLine(IBufferWriter<byte> body, in UpstreamLine line, bool last)
    {
        if (line.Bytes.Length < OneSpanLine)
        {
            var length = (int)line.Bytes.Length + 1;
            var span = body.GetSpan(length);
            line.Bytes.CopyTo(span);
            span[length - 1] = (byte)'\n';
            body.Advance(length);
            return;
        }

        foreach (var segment in line.Bytes)
        {
            body.Write(segment.Span);
        }

        body.Write("\n"u8);
    }

    public void WriteError(IBufferWriter<byte> body, string error)
    {
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("error", error);
            json.WriteBoolean("done", true);
            json.WriteEndObject();
        }

        body.Write("\n"u8);
    }

    /// <summary>Ollama's own non-streamed answer is its last chunk with the whole text in it (a pull's is its last line).</summary>
    public IResult Whole(OllamaCall call, JsonObject final, CallResult result)
    {
        if (call.IsChat)
        {
            var message = final["message"] as JsonObject ?? new JsonObject { ["role"] = "assistant" };
            message["content"] = result.Text;
            final["message"] = message;
        }
        else if (call.Operation == OllamaOperation.Generate)
        {
            final["response"] = result.Text;
        }

        return TypedResults.Ok(final);
    }
}
