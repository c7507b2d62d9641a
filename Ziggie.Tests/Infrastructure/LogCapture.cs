using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ziggie.Tests.Infrastructure;

/// <summary>An <see cref="ILoggerProvider"/> that keeps every formatted message, exception text included.</summary>
public sealed class LogCapture : ILoggerProvider
{
    readonly ConcurrentQueue<string> messages = new();

    public IReadOnlyList<string> Messages => [.. messages];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
