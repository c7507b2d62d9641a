namespace Ziggie.Backend.Orchestration;

/// <summary>
/// <c>Ziggie.Backend --healthcheck [url]</c>: the container health probe. The runtime image has no shell, curl or
/// wget, so the backend probes itself: one GET, exit code 0 for a 2xx answer and 1 otherwise. It runs before the
/// web host is built, so it needs none of the AppHost's configuration and never starts a second server.
/// </summary>
public static class HealthProbe
{
    public const string Flag = "--healthcheck";
    private const string DefaultPath = "/health/live";
    // Under the compose probe's 10 s, so the probe says why before Docker cuts it off; /health took 3.6 s with MongoDB
    // down (the driver's server selection), which left a 5 s limit no room on a loaded host.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(9);

    public static bool IsRequested(string[] args) => args is [Flag, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl(Environment.GetEnvironmentVariable);
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url} answered {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            Console.Error.WriteLine($"{url} did not answer: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// <c>/health/live</c> on the address Kestrel listens on, read from the same settings Kestrel reads: the URL
    /// lists first (they win over the port lists), then the HTTP port lists, else Kestrel's default port 5000.
    /// </summary>
    internal static string DefaultUrl(Func<string, string?> environment)
    {
        var urls = FirstSet(environment, "ASPNETCORE_URLS", "DOTNET_URLS", "URLS")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls is { Length: > 0 })
        {
            var url = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls[0];
            return Loopback(url) + DefaultPath;
        }

        var ports = FirstSet(environment, "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS", "HTTP_PORTS")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var port = ports is { Length: > 0 } ? ports[0] : "5000";
        return $"http://127.0.0.1:{port}{DefaultPath}";
    }

    private static string? FirstSet(Func<string, string?> environment, params string[] names) =>
        names.Select(environment).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    // Kestrel binds wildcards ("+", "*", "0.0.0.0", "[::]") and "localhost"; a probe must name one address.
    private static string Loopback(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var rest = url[schemeEnd..].TrimEnd('/');
        var portStart = rest.LastIndexOf(':');
        var host = portStart > 0 && !rest.EndsWith(']') ? rest[..portStart] : rest;
        var hostAndPort = host is "+" or "*" or "0.0.0.0" or "[::]" or "localhost" ? "127.0.0.1" + rest[host.Length..] : rest;
        return url[..schemeEnd] + hostAndPort;
    }
}
