using System.Globalization;
using System.Text.RegularExpressions;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Deployment;

/// <summary>
/// For every exported service: the port its process really listens on, read from its environment or from its
/// image's default, is the port compose publishes, probes and the other services call. The front end once listened
/// on 8080 while compose published and probed 3001, and nothing caught it.
/// </summary>
public partial class ComposeListenPortTests(DefaultExport export) : IClassFixture<DefaultExport>
{
    [Fact]
    public void Every_service_is_published_and_probed_on_the_port_its_process_listens_on()
    {
        foreach (var (name, service) in Services())
        {
            var listen = ListenPort(name, service);

            foreach (var mapping in service.TryGetValue("ports", out _) ? service.Strings("ports") : [])
            {
                Assert.True(listen is not null, $"{name} publishes {mapping} but its process listens on no port");
                Assert.Equal($"{name}: {listen}", $"{name}: {int.Parse(mapping.Split(':')[^1], CultureInfo.InvariantCulture)}");
            }

            if (service.TryGetValue("healthcheck", out var healthcheck))
            {
                foreach (Match probed in LoopbackPort().Matches(string.Join(' ', ((Dictionary<object, object>)healthcheck!).Strings("test"))))
                {
                    Assert.Equal($"{name} probe: {listen}", $"{name} probe: {probed.Groups["port"].Value}");
                }
            }
        }
    }

    [Fact]
    public void Every_address_a_service_calls_inside_the_network_is_the_port_the_called_service_listens_on()
    {
        var services = Services().ToDictionary(s => s.Name, s => s.Service);
        var calls = 0;
        foreach (var (name, service) in services)
        {
            foreach (var value in Environment(service).Values.OfType<string>())
            {
                foreach (Match address in ServiceAddress().Matches(value))
                {
                    var called = address.Groups["service"].Value;
                    if (!services.TryGetValue(called, out var target)) continue;

                    calls++;
                    Assert.Equal($"{name} → {called}: {ListenPort(called, target)}", $"{name} → {called}: {address.Groups["port"].Value}");
                }
            }
        }

        // backend → mongodb and ollama, frontend → backend, the model pull → ollama.
        Assert.True(calls >= 4, $"only {calls} in-network addresses found");
    }

    [Fact]
    public void The_front_ends_nginx_listens_on_PORT_and_its_image_defaults_it_to_the_published_target()
    {
        var template = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Ziggie.Frontend", "nginx.conf.template"));
        Assert.Matches(@"(?m)^\s*listen \$\{PORT\};", template);
        Assert.Equal(8080, DockerfilePort("Ziggie.Frontend/Dockerfile"));
    }

    private IEnumerable<(string Name, Dictionary<object, object> Service)> Services() =>
        export.Compose.Map("services").Select(s => ((string)s.Key, (Dictionary<object, object>)s.Value));

    /// <summary>
    /// The port the service's process listens on, as that process decides it: its environment first, then the
    /// default of the image (the documented defaults of the official images; the Dockerfile of images built here).
    /// </summary>
    private static int? ListenPort(string name, Dictionary<object, object> service)
    {
        var environment = Environment(service);
        var image = service.TryGetValue("image", out var i) ? (string)i : null;
        var dockerfile = service.TryGetValue("build", out var b) ? ((Dictionary<object, object>)b).Text("dockerfile") : null;
        var command = service.TryGetValue("command", out _) ? service.Strings("command") : [];

        return (image, dockerfile) switch
        {
            // mongod listens on 27017 unless given --port.
            ({ } mongo, _) when mongo.StartsWith("docker.io/library/mongo:", StringComparison.Ordinal) => 27017,
            // The ollama image runs `ollama serve`, listening on OLLAMA_HOST (image default 0.0.0.0:11434); any other
            // command is the CLI, a client that listens on nothing.
            ({ } ollama, _) when ollama.StartsWith("docker.io/ollama/ollama:", StringComparison.Ordinal) =>
                command.Count == 0 || command[0] == "serve" ? PortOf(environment.GetValueOrDefault("OLLAMA_HOST") as string) ?? 11434 : null,
            // The dashboard's image serves its UI on 18888 (OTLP on 18889).
            ({ } dashboard, _) when dashboard.StartsWith("mcr.microsoft.com/dotnet/aspire-dashboard:", StringComparison.Ordinal) => 18888,
            // ASP.NET Core listens on HTTP_PORTS; the aspnet images set it to 8080.
            (_, "Ziggie.Backend/Dockerfile") => environment.TryGetValue("HTTP_PORTS", out var ports) ? int.Parse((string)ports!, CultureInfo.InvariantCulture) : 8080,
            // nginx listens on ${PORT} of its template; the Dockerfile's ENV gives the default.
            (_, "Dockerfile") when name == "frontend" =>
                environment.TryGetValue("PORT", out var port) ? int.Parse((string)port!, CultureInfo.InvariantCulture) : DockerfilePort("Ziggie.Frontend/Dockerfile"),
            _ => throw new Xunit.Sdk.XunitException($"No rule says which port '{name}' listens on: add one to {nameof(ComposeListenPortTests)}."),
        };
    }

    private static Dictionary<object, object> Environment(Dictionary<object, object> service) =>
        service.TryGetValue("environment", out var environment) ? (Dictionary<object, object>)environment : [];

    private static int? PortOf(string? hostAndPort) =>
        hostAndPort is not null && PortSuffix().Match(hostAndPort) is { Success: true } match ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) : null;

    private static int DockerfilePort(string dockerfile) =>
        int.Parse(DockerfilePortEnv().Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, dockerfile))).Groups["port"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex LoopbackPort();

    [GeneratedRegex(@"(?:://|@)(?<service>[a-z][a-z0-9-]*):(?<port>\d+)")]
    private static partial Regex ServiceAddress();

    [GeneratedRegex(@":(?<port>\d+)/?$")]
    private static partial Regex PortSuffix();

    [GeneratedRegex(@"(?m)^ENV\s+(?:.*\s)?PORT=(?<port>\d+)")]
    private static partial Regex DockerfilePortEnv();
}
