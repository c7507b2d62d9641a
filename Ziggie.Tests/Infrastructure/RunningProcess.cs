using System.Diagnostics;
using System.Text;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// A program that keeps running, as a person watches it in a terminal: its output (stderr and stdout, interleaved as
/// they come), waiting for a line, and Ctrl+C (SIGINT). Killed with its children when disposed.
/// </summary>
public sealed class RunningProcess : IDisposable
{
    readonly Process process;
    readonly Lock gate = new();
    readonly StringBuilder output = new();
    readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];

    RunningProcess(Process process) => this.process = process;

    public int Id => process.Id;

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (gate) return output.ToString();
        }
    }

    public static RunningProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var running = new RunningProcess(new Process { StartInfo = start });
        running.process.OutputDataReceived += (_, e) => running.Add(e.Data);
        running.process.ErrorDataReceived += (_, e) => running.Add(e.Data);
        running.process.Start();
        running.process.BeginOutputReadLine();
        running.process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Completes once the output contains <paramref name="text"/> (already, or later).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        lock (gate)
        {
            if (output.ToString().Contains(text, StringComparison.Ordinal)) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((text, seen));
            return seen.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Ctrl+C: SIGINT to the process, as a terminal sends it.</summary>
    public async Task InterruptAsync()
    {
        var kill = await ChildProcess.TryRunAsync(new ProcessStartInfo("kill", ["-INT", $"{process.Id}"]), TimeSpan.FromSeconds(10));
        if (kill is not { ExitCode: 0 }) throw new InvalidOperationException($"kill -INT {process.Id} failed: {kill?.Output}");
    }

    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout);
        process.WaitForExit(); // the last lines of output, after the exit
        return process.ExitCode;
    }

    void Add(string? line)
    {
        if (line is null) return;
        List<TaskCompletionSource> seen;
        lock (gate)
        {
            output.AppendLine(line);
            var text = output.ToString();
            seen = [.. waiters.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).Select(w => w.Seen)];
            waiters.RemoveAll(w => seen.Contains(w.Seen));
        }

        foreach (var waiter in seen) waiter.TrySetResult();
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        process.Dispose();
    }
}
