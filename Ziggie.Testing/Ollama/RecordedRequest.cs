using System.Text.Json;

namespace Ziggie.Testing.Ollama;

/// <summary>One request the fake received, with what happened to it; safe to read while it is still running.</summary>
public sealed class RecordedRequest
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _endedAt;
    private DateTimeOffset? _abortedAt;
    private int _statusCode;
    private int _chunksWritten;

    internal RecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body, string connectionId)
    {
        ConnectionId = connectionId;
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        Json = TryParse(body);
    }

    public string Method { get; }

    /// <summary>Kestrel's id of the connection it came on: requests on one kept-alive connection share it.</summary>
    public string ConnectionId { get; }

    public string Path { get; }

    /// <summary>Request headers by case-insensitive name, repeated values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The raw request body; empty when there was none.</summary>
    public string Body { get; }

    /// <summary>The body parsed as JSON, or null when it was empty or not JSON.</summary>
    public JsonElement? Json { get; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Completes when the fake's handler has finished, normally or because the connection went away.</summary>
    public Task Completed => _completed.Task;

    public DateTimeOffset? EndedAt { get { lock (_lock) return _endedAt; } }

    /// <summary>When the connection was aborted: by the client, by a disconnect knob, or by the fake stopping.</summary>
    public DateTimeOffset? AbortedAt { get { lock (_lock) return _abortedAt; } }

    public bool Aborted => AbortedAt is not null;

    public int StatusCode { get { lock (_lock) return _statusCode; } }

    /// <summary>How many NDJSON lines a streaming response has written and flushed so far.</summary>
    public int ChunksWritten { get { lock (_lock) return _chunksWritten; } }

    /// <summary>The <c>model</c> (or legacy <c>name</c>) field of a JSON body.</summary>
    public string? Model => JsonText("model") ?? JsonText("name");

    public override string ToString() => $"{Method} {Path} {Body}";

    internal void MarkAborted()
    {
        lock (_lock) _abortedAt ??= DateTimeOffset.UtcNow;
    }

    internal void CountChunk()
    {
        lock (_lock) _chunksWritten++;
    }

    internal void Complete(int statusCode)
    {
        lock (_lock)
        {
            _statusCode = statusCode;
            _endedAt = DateTimeOffset.UtcNow;
        }
        _completed.TrySetResult();
    }

    private string? JsonText(string property) =>
        Json is { ValueKind: JsonValueKind.Object } json
        && json.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonElement? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
