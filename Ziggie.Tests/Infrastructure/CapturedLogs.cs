using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ziggie.Tests.Infrastructure;

/// <summary>Every log line the backend writes, with its exception, for tests that check what must never be logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
