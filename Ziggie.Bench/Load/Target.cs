using System.Net;
using System.Net.Http.Headers;
using Ziggie.Bench.Servers;

namespace Ziggie.Bench.Load;

/// <summary>Status and Models are queries; the rest stream: Ziggie's own generate, then its two doors.</summary>
public enum ScenarioKind { Status, Models, Generate, OllamaDoor, OpenAiChat }

/// <summary>One load shape: what is asked, by how many clients at once.</summary>
public sealed record Scenario(ScenarioKind Kind, int Clients)
{
    public bool IsStream => Kind >= ScenarioKind.Generate;

    public string Route => Kind switch
    {
        ScenarioKind.Status => "/api/llm/status",
        ScenarioKind.Models => "/api/llm/models",
        ScenarioKind.Generate => "/api/llm/generate (stream)",
        ScenarioKind.OllamaDoor => "/ollama/api/generate (stream)",
        _ => "/v1/chat/completions (stream)",
    };
}

/// <summary>
/// Where a load is sent: Ollama itself (the fake), YARP in front of it, or Ziggie in front of it. Direct and
/// YARP are asked Ollama's own routes; Ziggie is asked its routes, signed in where they need it.
/// </summary>
public sealed class Target : IDisposable
{
    public const string Direct = "direct", Yarp = "YARP", Ziggie = "Ziggie";

    private Target(string name, Uri baseAddress, ChildServer? server, string? token)
    {
        Name = name;
        Server = server;
        Token = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        // One pool per target with room for every client; no proxy, no redirects, no cookies: only the wire.
        Client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public string Name { get; }
    public HttpClient Client { get; }
    /// <summary>The proxy's process, measured during each scenario; none for direct.</summary>
    public ChildServer? Server { get; }
    public AuthenticationHeaderValue? Token { get; }
    private bool IsZiggie => Name == Ziggie;

    public static Target ToOllama(ChildServer ollama) => new(Direct, ollama.Url, null, null);
    public static Target ThroughYarp(ChildServer yarp) => new(Yarp, yarp.Url, yarp, null);
    public static Target ThroughZiggie(ChildServer ziggie) => new(Ziggie, ziggie.Url, ziggie, ziggie.Token);

    /// <summary>The path asked, and a piece of text every correct answer contains.</summary>
    public (string Path, string Expect, bool SignedIn) Query(ScenarioKind kind) => (kind, IsZiggie) switch
    {
        (ScenarioKind.Status, false) => ("/api/version", "\"version\"", false),
        (ScenarioKind.Status, true) => ("/api/llm/status", "\"status\":\"online\"", false),
        (ScenarioKind.Models, false) => ("/api/tags", "\"models\"", false),
        (ScenarioKind.Models, true) => ("/api/llm/models", "\"models\"", true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Direct and YARP are asked Ollama's own route for the same stream: /api/generate, or Ollama's own /v1/chat/completions.</summary>
    public string StreamPath(ScenarioKind kind) => kind switch
    {
        ScenarioKind.OpenAiChat => "/v1/chat/completions",
        ScenarioKind.OllamaDoor when IsZiggie => "/ollama/api/generate",
        _ => IsZiggie ? "/api/llm/generate" : "/api/generate",
    };

    public void Dispose() => Client.Dispose();
}
