using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// A health probe for each service that works inside its image: compose runs it in the container, where the
/// AppHost's own HTTP checks cannot reach and where many images have neither a shell nor curl.
/// </summary>
internal static partial class ComposeHealthChecks
{
    // Images probed with their own client: they carry no curl or wget (and MongoDB speaks no HTTP).
    private static readonly Dictionary<string, string[]> KnownImages = new(StringComparer.Ordinal)
    {
        ["mongo"] = ["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"],
        ["ollama/ollama"] = ["CMD", "ollama", "list"],
        // The password from the service's own environment ($$ is a literal $ for compose); REDISCLI_AUTH keeps it off the command line.
        ["redis"] = ["CMD-SHELL", "REDISCLI_AUTH=\"$$REDIS_PASSWORD\" redis-cli ping | grep -q PONG"],
    };

    /// <summary>The probe of <paramref name="resource"/>, or how compose learns its health otherwise.</summary>
    /// <param name="resource">A service resource.</param>
    /// <param name="topology">The ports the service listens on.</param>
    /// <param name="dockerfile">The Dockerfile the service is built from, if any.</param>
    public static ComposeHealth For(IResource resource, ComposeTopology topology, string? dockerfile)
    {
        if (resource is ContainerResource && resource.TryGetLastAnnotation<ContainerImageAnnotation>(out var image)
            && KnownImages.TryGetValue(Repository(image.Image), out var known))
        {
            return new ComposeHealth(known);
        }

        var url = HttpCheckUrl(resource, topology);
        if (resource is ProjectResource project)
        {
            // Every Ziggie project image publishes to /app and answers --healthcheck (Ziggie.Backend/Dockerfile).
            var dll = $"/app/{Path.GetFileNameWithoutExtension(project.GetProjectMetadata().ProjectPath)}.dll";
            return new ComposeHealth(["CMD", "dotnet", dll, "--healthcheck", .. url is null ? Array.Empty<string>() : [url]]);
        }

        if (dockerfile is not null && File.Exists(dockerfile) && DeclaresHealthCheck().IsMatch(File.ReadAllText(dockerfile)))
        {
            return ComposeHealth.FromImage;
        }

        return url is null
            ? ComposeHealth.None
            : new ComposeHealth(["CMD-SHELL", $"wget -q -O /dev/null {url} || curl -fsS -o /dev/null {url} || exit 1"]);
    }

    /// <summary>
    /// The URL of the resource's HTTP health check (<c>WithHttpHealthCheck</c>) inside its container. Aspire keeps the
    /// path only in the check's key, <c>{resource}_{endpoint}_{path}_{status}_check</c>. A check on an endpoint the
    /// compose project does not serve (in publish mode a project's check picks https) probes the same path over http.
    /// </summary>
    private static string? HttpCheckUrl(IResource resource, ComposeTopology topology)
    {
        var served = topology.Endpoints(resource).Where(e => e.Endpoint.UriScheme is "http" or "https").ToList();
        foreach (var key in resource.Annotations.OfType<HealthCheckAnnotation>().Select(a => a.Key))
        {
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
            {
                var prefix = $"{resource.Name}_{endpoint.Name}_";
                if (!key.StartsWith(prefix, StringComparison.Ordinal) || HttpCheckKeyTail().Match(key[prefix.Length..]) is not { Success: true } match)
                {
                    continue;
                }

                var (probed, port) = served.FirstOrDefault(e => e.Endpoint == endpoint) is { Endpoint: not null } same ? same
                    : served.FirstOrDefault(e => e.Endpoint.UriScheme == "http");
                if (probed is null) continue;

                var path = match.Groups["path"].Value;
                return $"{probed.UriScheme}://127.0.0.1:{port}{(path.StartsWith('/') ? path : "/" + path)}";
            }
        }

        return null;
    }

    // "docker.io/library/mongo" and "mongo" are the same image.
    private static string Repository(string image) => image.StartsWith("library/", StringComparison.Ordinal) ? image["library/".Length..] : image;

    [GeneratedRegex(@"^(?<path>.*)_(?<status>\d{3})_check$")]
    private static partial Regex HttpCheckKeyTail();

    [GeneratedRegex(@"^\s*HEALTHCHECK\s+(?!NONE\b)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex DeclaresHealthCheck();
}

/// <summary>A compose health check: the probe's <c>test</c>, the image's own <c>HEALTHCHECK</c>, or none at all.</summary>
internal sealed record ComposeHealth(string[]? Test, bool Probed = true)
{
    public static readonly ComposeHealth FromImage = new(Test: null);
    public static readonly ComposeHealth None = new(Test: null, Probed: false);
}
