namespace Ziggie.Bench.Servers;

/// <summary>A server started by the benchmark, as seen from inside its own process.</summary>
public interface IBenchServer : IAsyncDisposable
{
    Uri Url { get; }

    /// <summary>A bearer token for the routes that need one, when the server has such routes.</summary>
    string? Token => null;
}

/// <summary>
/// The child side of <see cref="ChildServer"/>: starts one server, says where it listens, then answers
/// the benchmark's commands on standard input until it closes.
/// </summary>
public static class ServerRole
{
    public const string Ollama = "ollama", Yarp = "yarp", Ziggie = "ziggie";

    public static async Task<int> RunAsync(string role, string[] args)
    {
        var settings = args.Select(a => a.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
        await using var server = role switch
        {
            Ollama => await FakeOllamaServer.StartAsync(settings),
            Yarp => await YarpServer.StartAsync(settings),
            Ziggie => await ZiggieServer.StartAsync(settings),
            _ => throw new ArgumentException($"Unknown role {role}; expected {Ollama}, {Yarp} or {Ziggie}."),
        };

        using var allocations = settings.ContainsKey("profile") ? new AllocationSampler() : null;
        var meter = new ProcessMeter();
        ChildChannel.Say("url", server.Url.ToString());
        if (server.Token is { } token) ChildChannel.Say("token", token);

        while (await Console.In.ReadLineAsync() is { } command)
        {
            switch (command)
            {
                case "mark":
                    meter.Mark();
                    allocations?.Reset();
                    ChildChannel.Say("marked", "");
                    break;
                case "read":
                    var usage = meter.Read();
                    ChildChannel.Say("usage", usage.ToWire());
                    if (allocations is not null) ChildChannel.Say("profile", allocations.Top(25));
                    break;
            }
        }

        return 0;
    }
}

/// <summary>Lines the children write for the benchmark, told apart from their own log output by a prefix.</summary>
public static class ChildChannel
{
    public const string Prefix = "@bench ";

    public static void Say(string what, string value) => Console.Out.WriteLine($"{Prefix}{what} {value}");
}
