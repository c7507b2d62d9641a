using System.Globalization;
using Ziggie.Bench.Load;

namespace Ziggie.Bench;

/// <summary>What one run measures; <c>--quick</c> trades precision for a run under a minute.</summary>
public sealed record BenchOptions
{
    public bool Quick { get; init; }
    public int Rounds { get; init; } = 5;
    public int Tokens { get; init; } = 500;
    public int TokenDelayMs { get; init; }
    public int FirstTokenDelayMs { get; init; }
    public int[] Concurrency { get; init; } = [1, 64, 256];
    public ScenarioKind[] Kinds { get; init; } = Enum.GetValues<ScenarioKind>();
    /// <summary>Prints the types the proxies allocate most, per scenario (sampled; slightly slows them).</summary>
    public bool Profile { get; init; }
    /// <summary>The several-nodes run instead (NodesRun): one Ziggie over one paced node against one over two.</summary>
    public bool Nodes { get; init; }
    /// <summary>Generations one fake node runs at once in the several-nodes run (its OLLAMA_NUM_PARALLEL).</summary>
    public int NodeParallel { get; init; } = 128;
    public string Out { get; init; } = DefaultOut();
    /// <summary>Configuration for every Ziggie the run starts (<c>--ziggie Key=Value</c>), to measure what a setting costs.</summary>
    public string[] ZiggieSettings { get; init; } = [];

    /// <summary>How <see cref="ZiggieSettings"/> travel to a Ziggie child (ZiggieServer applies them).</summary>
    public const string SettingPrefix = "setting:";

    public string[] ZiggieArgs => [.. ZiggieSettings.Select(s => SettingPrefix + s)];

    /// <summary>Warm-up passes at most, waiting for the proxies to stop compiling (<c>ServerUsage.StillCompiling</c>).</summary>
    public const int MaxWarmUpPasses = 8;

    public const string Usage = """
        dotnet run -c Release --project Ziggie.Bench -- [--quick] [--out FILE] [--rounds N] [--tokens N]
                   [--token-delay-ms N] [--first-token-delay-ms N] [--clients 1,64,256]
                   [--scenarios status,models,generate,ollamadoor,openaichat] [--profile] [--nodes [--node-parallel N]]
                   [--ziggie Key=Value ...]
        """;

    /// <summary>Requests per status/models run: enough for stable percentiles, and every client busy throughout.</summary>
    public int QueryRequests(int clients) => Quick ? Math.Max(200, clients * 2) : Math.Max(2_000, clients * 20);

    /// <summary>Streams per generate run: each client streams more than once, so the run measures a steady state.</summary>
    public int Streams(int clients) => Quick ? Math.Max(5, clients) : Math.Max(20, clients * 2);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var quick = args.Contains("--quick");
        if (quick) options = options with { Quick = true, Rounds = 1, Tokens = 100 };

        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Number() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number.\n{Usage}");
            options = args[i] switch
            {
                "--quick" => options,
                "--profile" => options with { Profile = true },
                "--nodes" => options with { Nodes = true },
                "--node-parallel" => options with { NodeParallel = Math.Max(1, Number()) },
                "--out" => options with { Out = Path.GetFullPath(Next()) },
                "--rounds" => options with { Rounds = Math.Max(1, Number()) },
                "--tokens" => options with { Tokens = Math.Max(1, Number()) },
                "--token-delay-ms" => options with { TokenDelayMs = Number() },
                "--first-token-delay-ms" => options with { FirstTokenDelayMs = Number() },
                "--clients" => options with { Concurrency = [.. Next().Split(',').Select(c => Math.Max(1, int.Parse(c, CultureInfo.InvariantCulture)))] },
                "--ziggie" => options with { ZiggieSettings = [.. options.ZiggieSettings, Setting(Next())] },
                "--scenarios" => options with { Kinds = [.. Next().Split(',').Select(k => Enum.Parse<ScenarioKind>(k, ignoreCase: true))] },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }

        return options;
    }

    // The environment cannot carry these: ChildServer keeps the shell's Ziggie settings away from the children.
    // OTEL_* measures what the telemetry costs: OTEL_SDK_DISABLED=true (all of it), OTEL_TRACES_SAMPLER=always_off (the
    // spans); OpenTelemetry reads them from the configuration.
    private static string Setting(string pair) => pair.IndexOf('=') > 0
        && (pair.StartsWith("Ziggie:", StringComparison.Ordinal) || pair.StartsWith("OTEL_", StringComparison.Ordinal))
        ? pair : throw new ArgumentException($"--ziggie takes Ziggie:Section:Key=Value or OTEL_NAME=value, not '{pair}'.\n{Usage}");

    // out/ is git-ignored: a run must not rewrite the table that docs/performance.md quotes.
    private static string DefaultOut()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ziggie.sln"))) return Path.Combine(dir.FullName, "out", "bench", "latest.md");
        }

        return Path.GetFullPath(Path.Combine("out", "bench", "latest.md"));
    }
}
