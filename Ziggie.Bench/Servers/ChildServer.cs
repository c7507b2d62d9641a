using System.Diagnostics;
using System.Threading.Channels;

namespace Ziggie.Bench.Servers;

/// <summary>
/// One server in a child process of this same executable (<c>--serve ROLE</c>). It says where it listens, and
/// on request marks the start of a scenario and reports what the process spent since (<see cref="ServerUsage"/>).
/// Disposing closes its standard input, which stops it; a child that does not stop in time is killed.
/// </summary>
public sealed class ChildServer : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<(string What, string Value)> _replies = Channel.CreateUnbounded<(string, string)>();
    private readonly Queue<string> _recentOutput = new();
    private readonly Task _pumps;
    private bool _profiling;

    private ChildServer(string role, Process process)
    {
        Role = role;
        _process = process;
        _pumps = Task.WhenAll(PumpAsync(_process.StandardOutput, protocol: true), PumpAsync(_process.StandardError, protocol: false));
    }

    public string Role { get; }
    public Uri Url { get; private set; } = null!;
    public string? Token { get; private set; }
    /// <summary>Allocation samples of the last scenario, when started with <c>profile</c>.</summary>
    public string? LastProfile { get; private set; }

    public static async Task<ChildServer> StartAsync(string role, params string[] settings)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Run as `dotnet Ziggie.Bench.dll`, the path is dotnet's and the program has to be named.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet") start.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        foreach (var arg in (string[])["--serve", role, .. settings]) start.ArgumentList.Add(arg);
        // Nothing of this shell may reach the servers: no addresses, no Ziggie settings, no telemetry export.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Ziggie", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        var child = new ChildServer(role, Process.Start(start)!) { _profiling = settings.Contains("profile") };
        try
        {
            child.Url = new Uri(await child.ExpectAsync("url"));
            if (role == ServerRole.Ziggie) child.Token = await child.ExpectAsync("token");
            return child;
        }
        catch
        {
            await child.DisposeAsync(); // a child that never said where it listens must not outlive the run
            throw;
        }
    }

    /// <summary>Collects the child's garbage and starts counting its allocations, CPU time and peak memory afresh.</summary>
    public async Task MarkAsync()
    {
        await SendAsync("mark");
        await ExpectAsync("marked");
    }

    public async Task<ServerUsage> ReadAsync()
    {
        await SendAsync("read");
        var usage = ServerUsage.FromWire(await ExpectAsync("usage"));
        if (_profiling) LastProfile = await ExpectAsync("profile");
        return usage;
    }

    private async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    private async Task<string> ExpectAsync(string what)
    {
        try
        {
            var (said, value) = await _replies.Reader.ReadAsync().AsTask().WaitAsync(ReplyTimeout);
            return said == what ? value : throw new InvalidOperationException($"expected '{what}', got '{said}'");
        }
        catch (Exception e) when (e is TimeoutException or ChannelClosedException or InvalidOperationException)
        {
            throw new BenchFailure($"The {Role} server did not answer '{what}' ({e.Message}). Its last output:\n{string.Join('\n', Recent())}");
        }
    }

    private async Task PumpAsync(StreamReader output, bool protocol)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            if (protocol && line.StartsWith(ChildChannel.Prefix, StringComparison.Ordinal))
            {
                var rest = line[ChildChannel.Prefix.Length..];
                var space = rest.IndexOf(' ');
                _replies.Writer.TryWrite(space < 0 ? (rest, "") : (rest[..space], rest[(space + 1)..]));
                continue;
            }

            lock (_recentOutput)
            {
                _recentOutput.Enqueue(line);
                if (_recentOutput.Count > 40) _recentOutput.Dequeue();
            }
        }

        if (protocol) _replies.Writer.TryComplete();
    }

    private string[] Recent()
    {
        lock (_recentOutput) return [.. _recentOutput];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
    }
}
