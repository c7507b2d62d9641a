using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ziggie.Testing.Ollama;

/// <summary>
/// One fake model run: which tokens come out, why it stops, and the statistics Ollama puts in its
/// final chunk. The pauses follow the knobs and are measured, so the durations add up like real ones.
/// </summary>
internal sealed class FakeCompletion
{
    private readonly FakeExchange _exchange;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _runStarted;
    private long _firstToken;
    private long _lastToken;

    public FakeCompletion(FakeExchange exchange, Dictionary<string, JsonElement>? options, int promptTokens)
    {
        _exchange = exchange;
        var all = exchange.Settings.Tokens;
        var limit = FakeRequestFields.NumPredict(options) ?? int.MaxValue;
        Tokens = limit < all.Count ? [.. all.Take(limit)] : all;
        DoneReason = limit < all.Count ? "length" : "stop";
        PromptTokens = promptTokens;
    }

    public IReadOnlyList<string> Tokens { get; }
    public string DoneReason { get; }
    public int PromptTokens { get; }

    public async IAsyncEnumerable<string> RunAsync()
    {
        // A busy Ollama (Parallel) queues the request before its first token, as OLLAMA_NUM_PARALLEL does.
        var slots = _exchange.Fake.ParallelSlots;
        if (slots is not null) await slots.WaitAsync(_exchange.Cancelled);
        try
        {
            _runStarted = Stopwatch.GetTimestamp();
            var settings = _exchange.Settings;
            for (var i = 0; i < Tokens.Count; i++)
            {
                if (i > 0 && settings.DecodeInSteps && settings.TokenDelay > TimeSpan.Zero) await _exchange.Fake.DecodeClock.NextStepAsync(settings.TokenDelay, _exchange.Cancelled);
                else await _exchange.PauseAsync(i == 0 ? settings.FirstTokenDelay : settings.TokenDelay);
                if (i == 0) _firstToken = Stopwatch.GetTimestamp();
                yield return Tokens[i];
            }
            _lastToken = Stopwatch.GetTimestamp();
            if (_firstToken == 0) _firstToken = _lastToken;
        }
        finally
        {
            slots?.Release();
        }
    }

    /// <summary>Adds Ollama's metrics in nanoseconds; like Go's omitempty, zero values would be left out, so none is zero.</summary>
    public void AddStatistics(JsonObject line)
    {
        line["total_duration"] = Nanoseconds(_started, Stopwatch.GetTimestamp());
        line["load_duration"] = Nanoseconds(_started, _runStarted);
        line["prompt_eval_count"] = PromptTokens;
        line["prompt_eval_duration"] = Nanoseconds(_runStarted, _firstToken);
        if (Tokens.Count > 0) line["eval_count"] = Tokens.Count;
        line["eval_duration"] = Nanoseconds(_firstToken, _lastToken);
    }

    private static long Nanoseconds(long from, long to) =>
        Math.Max(1, (long)Stopwatch.GetElapsedTime(from, to).TotalNanoseconds);
}
