using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// A python3 process listening on a TCP port, like the stray <c>python main.py</c> copies of the old incident:
/// a process of its own, so its PID is not the test's. It lives until disposed, or until the test process ends
/// (it exits when its standard input closes).
/// </summary>
public sealed class ChildListener : IDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    const string Script = """
        import socket, sys
        family = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
        server = socket.socket(family)
        server.bind((sys.argv[1], 0))
        server.listen()
        print(server.getsockname()[1], flush=True)
        sys.stdin.read()
        """;

    readonly Process process;

    ChildListener(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }
    public int ProcessId => process.Id;

    /// <summary>Starts the listener on a free port of <paramref name="address"/>; skips the test when python3 is missing.</summary>
    public static async Task<ChildListener> StartAsync(string address = "127.0.0.1")
    {
        var start = new ProcessStartInfo("python3", ["-c", Script, address])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            Assert.Skip($"This test needs python3 on PATH to start a listener of its own ({ex.Message}).");
            throw;
        }

        var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"python3 did not start listening on {address}: {line} {error}");
        }

        return new ChildListener(process, port);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit(TimeSpan.FromSeconds(10));
        process.Dispose();
    }
}
