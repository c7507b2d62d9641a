using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (Debian's; <c>.ci/run</c> installs it) on a free loopback port, in memory only (no
/// RDB, no AOF), killed when disposed. Each caller of <see cref="NewDatabase"/> gets a database of its own, so
/// tests sharing one server do not see each other's keys.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const int Databases = 1_000;

    private readonly RunningProcess _process;
    private readonly string? _password;
    private int _nextDatabase;

    private RedisServer(RunningProcess process, int port, string? password) => (_process, Port, _password) = (process, port, password);

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts a server; skips the test when redis-server is not installed.</summary>
    /// <param name="password">When set, the server requires it (<c>--requirepass</c>).</param>
    public static async Task<RedisServer> StartAsync(string? password = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            string[] arguments = ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--databases", Databases.ToString(CultureInfo.InvariantCulture), .. password is null ? Array.Empty<string>() : ["--requirepass", password]];
            RunningProcess process;
            try
            {
                process = RunningProcess.Start(new ProcessStartInfo("redis-server", arguments));
            }
            catch (Win32Exception ex)
            {
                Assert.Skip($"This test needs redis-server on PATH (apt-get install redis-server; .ci/run does): {ex.Message}");
                throw;
            }

            try
            {
                await process.WaitForOutputAsync("Ready to accept connections", StartTimeout);
                return new RedisServer(process, port, password);
            }
            catch (TimeoutException) when (attempt < 3 && process.Output.Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another test took the port between our probe and redis-server's bind: pick another.
                process.Dispose();
            }
            catch
            {
                var output = process.Output;
                process.Dispose();
                throw new InvalidOperationException($"redis-server did not start on 127.0.0.1:{port}:\n{output}");
            }
        }
    }

    /// <summary>A StackExchange.Redis connection string for a database no other caller of this server uses.</summary>
    public string NewDatabase()
    {
        var database = Interlocked.Increment(ref _nextDatabase) % Databases;
        return $"127.0.0.1:{Port},defaultDatabase={database}" + (_password is null ? "" : $",password={_password}");
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or an OOM kill would.</summary>
    public void Kill() => _process.Dispose();

    public void Dispose() => _process.Dispose();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
