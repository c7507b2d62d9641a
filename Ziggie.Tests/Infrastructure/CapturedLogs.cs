using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ziggie.Tests.Infrastructure;

/// <summary>Every log line the backend writes, with its exception, for tests that check what must never be logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentBag<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    /// <summary>The first line that matches, including one logged before the call (15 s at most).</summary>
    public Task<string> WaitForAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((match, seen));
        if (_lines.FirstOrDefault(match) is { } line) seen.TrySetResult(line);
        return seen.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        foreach (var (match, seen) in _waiters)
        {
            if (!seen.Task.IsCompleted && match(line)) seen.TrySetResult(line);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
