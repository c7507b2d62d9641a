using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ziggie.Tests.Infrastructure;

/// <summary>Every log line the backend writes, with its exception, for tests that check what must never be logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    readonly ConcurrentQueue<string> lines = new();
    readonly ConcurrentBag<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> waiters = [];

    public IReadOnlyList<string> Lines => lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    /// <summary>The first line that matches, including one logged before the call (15 s at most).</summary>
    public Task<string> WaitForAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiters.Add((match, seen));
        if (lines.FirstOrDefault(match) is { } line) seen.TrySetResult(line);
        return seen.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
    }

    void Add(string line)
    {
        lines.Enqueue(line);
        foreach (var (match, seen) in waiters)
        {
            if (!seen.Task.IsCompleted && match(line)) seen.TrySetResult(line);
        }
    }

    public void Dispose()
    {
    }

    sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
