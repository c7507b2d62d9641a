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
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const string Script = """
        import socket, sys
        family = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
        server = socket.socket(family)
        server.bind((sys.argv[1], 0))
        server.listen()
        print(server.getsockname()[1], flush=True)
        sys.stdin.read()
        """;

    private readonly Process _process;

    private ChildListener(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public int ProcessId => _process.Id;

    /// <summary>Starts the listener on a free port of <paramref name="address"/>; skips the test when python3 is missing.</summary>
    public static async Task<ChildListener> StartAsync(string address = "127.0.0.1")
    {
        var start = new ProcessStartInfo("python3", ["-c", Script, address])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process _process;
        try
        {
            _process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            Assert.Skip($"This test needs python3 on PATH to start a listener of its own ({ex.Message}).");
            throw;
        }

        var line = await _process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            var error = await _process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            _process.Kill();
            _process.Dispose();
            throw new InvalidOperationException($"python3 did not start listening on {address}: {line} {error}");
        }

        return new ChildListener(_process, port);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
