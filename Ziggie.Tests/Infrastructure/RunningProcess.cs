using System.Diagnostics;
using System.Text;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// A program that keeps running, as a person watches it in a terminal: its output (stderr and stdout, interleaved as
/// they come), waiting for a line, and Ctrl+C (SIGINT). Killed with its children when disposed.
/// </summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    private RunningProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate) return _output.ToString();
        }
    }

    public static RunningProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var running = new RunningProcess(new Process { StartInfo = start });
        running._process.OutputDataReceived += (_, e) => running.Add(e.Data);
        running._process.ErrorDataReceived += (_, e) => running.Add(e.Data);
        running._process.Start();
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Completes once the output contains <paramref name="text"/> (already, or later).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal)) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
            return seen.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Ctrl+C: SIGINT to the process, as a terminal sends it.</summary>
    public async Task InterruptAsync()
    {
        var kill = await ChildProcess.TryRunAsync(new ProcessStartInfo("kill", ["-INT", $"{_process.Id}"]), TimeSpan.FromSeconds(10));
        if (kill is not { ExitCode: 0 }) throw new InvalidOperationException($"kill -INT {_process.Id} failed: {kill?.Output}");
    }

    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout);
        _process.WaitForExit(); // the last lines of output, after the exit
        return _process.ExitCode;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        List<TaskCompletionSource> seen;
        lock (_gate)
        {
            _output.AppendLine(line);
            var text = _output.ToString();
            seen = [.. _waiters.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).Select(w => w.Seen)];
            _waiters.RemoveAll(w => seen.Contains(w.Seen));
        }

        foreach (var waiter in seen) waiter.TrySetResult();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        _process.Dispose();
    }
}
