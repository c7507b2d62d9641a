using System.Text;
using Microsoft.AspNetCore.Http;

namespace Ziggie.Testing.Ollama;

/// <summary>
/// Writes an Ollama stream: one JSON object per line, each flushed on its own so the client can read it
/// before the next exists. The stream knobs act here: the one-shot gate, the forced disconnect, the
/// malformed line and the endless one.
/// </summary>
internal sealed class FakeNdjsonWriter
{
    // Cut off mid-object, as a line would be if a proxy or a crashing server truncated it.
    private const string MalformedLine = """{"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","respo""";

    private readonly FakeExchange _exchange;
    private readonly ChunkGate? _gate;
    private int _written;

    public FakeNdjsonWriter(FakeExchange exchange)
    {
        _exchange = exchange;
        _gate = exchange.Fake.TakePendingGate();
        exchange.Http.Response.ContentType = "application/x-ndjson";
    }

    public async Task WriteAsync(object line)
    {
        if (_gate?.ChunkIndex == _written) await _gate.WaitAsync(_exchange.Cancelled);

        await WriteLineAsync(FakeOllamaJson.Serialize(line));
        _written++;
        _exchange.Record.CountChunk();

        if (_exchange.Settings.SendMalformedLine && _written == 1) await WriteLineAsync(MalformedLine);

        if (_exchange.Settings.SendEndlessLine && _written == 1) await WriteEndlessLineAsync();

        if (_exchange.Settings.DisconnectAfterChunks == _written)
        {
            _exchange.DropConnection();
            throw new OperationCanceledException("The fake dropped the connection as DisconnectAfterChunks asked.");
        }
    }

    /// <summary>After the last line: a gate held before the end waits here, with every line written and flushed.</summary>
    public async Task EndAsync()
    {
        if (_gate?.ChunkIndex == ChunkGate.TheEnd) await _gate.WaitAsync(_exchange.Cancelled);
    }

    // Not cancellable on purpose: a line the client may already hold must be counted as written. If the
    // client has gone, Kestrel completes the write anyway and the next pause ends the handler.
    private async Task WriteLineAsync(string json)
    {
        var response = _exchange.Http.Response;
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(json + "\n"), CancellationToken.None);
        await response.Body.FlushAsync(CancellationToken.None);
    }

    // The start of a line, then 64 KiB pieces of its text with no newline, until the client leaves (which ends
    // the handler through the cancelled write) or the fake stops.
    private async Task WriteEndlessLineAsync()
    {
        var response = _exchange.Http.Response;
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"model\":\"llama3.2\",\"response\":\""), _exchange.Cancelled);
        var piece = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
        while (true)
        {
            await response.Body.WriteAsync(piece, _exchange.Cancelled);
            await response.Body.FlushAsync(_exchange.Cancelled);
        }
    }
}
