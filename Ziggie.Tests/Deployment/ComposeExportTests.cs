using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Deployment;

/// <summary>One export of the AppHost as it is, shared by the tests that only read it.</summary>
public sealed class DefaultExport : IAsyncLifetime
{
    public ExportedCompose Export { get; private set; } = null!;
    public Dictionary<object, object> Compose { get; private set; } = null!;
    public string ComposeText { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Export = await ExportedCompose.ExportAsync();
        Compose = await Export.ReadComposeAsync();
        ComposeText = await File.ReadAllTextAsync(Export.ComposePath);
    }

    public ValueTask DisposeAsync()
    {
        Export.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The compose file exported from the application model (docs/deployment.md).</summary>
public class ComposeExportTests(DefaultExport export) : IClassFixture<DefaultExport>
{
    private static readonly string[] Infrastructure = ["mongodb", "ollama"];

    [Fact]
    public void Services_are_the_resources_of_the_model_plus_the_optional_dashboard()
    {
        Assert.Equal(["mongodb", "ollama", "backend", "frontend", "ollama-llama3-2", "dashboard"], export.Compose.Map("services").Keys.Cast<string>());
        Assert.Equal("docker.io/library/mongo:8.2", export.Compose.Service("mongodb").Text("image"));
        Assert.Equal("docker.io/ollama/ollama:0.21.0", export.Compose.Service("ollama").Text("image"));

        var dashboard = export.Compose.Service("dashboard");
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspire-dashboard:", dashboard.Text("image"));
        Assert.Equal(["dashboard"], dashboard.Strings("profiles"));
    }

    [Fact]
    public void The_project_is_named_ziggie_whatever_the_folder_is_called()
    {
        Assert.Equal("ziggie", export.Compose["name"]);
    }

    [Fact]
    public void The_front_end_is_built_from_its_Dockerfile_published_on_3001_and_proxies_to_the_backend_by_name()
    {
        var frontend = export.Compose.Service("frontend");

        Assert.Equal("Dockerfile", frontend.Map("build").Text("dockerfile"));
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "Ziggie.Frontend"),
            Path.GetFullPath(Path.Combine(export.Export.Folder.FullName, frontend.Map("build").Text("context"))).TrimEnd('/'));
        Assert.Equal(["3001:8080"], frontend.Strings("ports"));
        Assert.Equal("8080", frontend.Map("environment").Text("PORT"));
        Assert.Equal("http://backend:8080", frontend.Map("environment").Text("BACKEND_URL"));
    }

    [Fact]
    public void Backend_is_built_from_its_Dockerfile_with_the_repository_root_as_context()
    {
        var build = export.Compose.Service("backend").Map("build");

        var context = Path.GetFullPath(Path.Combine(export.Export.Folder.FullName, build.Text("context")));
        Assert.Equal(RepositoryPaths.Root.TrimEnd('/'), context.TrimEnd('/'));
        Assert.Equal("Ziggie.Backend/Dockerfile", build.Text("dockerfile"));
        Assert.True(File.Exists(Path.Combine(context, build.Text("dockerfile"))));
    }

    [Fact]
    public void Services_reach_each_other_by_service_name_and_secrets_come_from_the_env_file()
    {
        var backend = export.Compose.Service("backend").Map("environment");
        Assert.Equal("Endpoint=http://ollama:11434", backend.Text("ConnectionStrings__ollama"));
        Assert.Equal(
            $"mongodb://admin:{Required("MONGODB_PASSWORD")}@mongodb:27017/ziggie?authSource=admin&authMechanism=SCRAM-SHA-256",
            backend.Text("ConnectionStrings__ziggiedb"));
        Assert.Equal("8080", backend.Text("HTTP_PORTS"));

        var mongo = export.Compose.Service("mongodb").Map("environment");
        Assert.Equal(Required("MONGODB_PASSWORD"), mongo.Text("MONGO_INITDB_ROOT_PASSWORD"));

        var secret = File.ReadAllLines(export.Export.EnvPath).Single(l => l.StartsWith("MONGODB_PASSWORD=", StringComparison.Ordinal))
            ["MONGODB_PASSWORD=".Length..].Trim('\'');
        Assert.True(secret.Length >= 22, secret);
        Assert.DoesNotContain(secret, export.ComposeText);
    }

    [Fact]
    public void The_backend_believes_forwarded_headers_from_the_front_ends_fixed_address_only()
    {
        var backend = export.Compose.Service("backend").Map("environment");
        var frontendAddress = export.Compose.Service("frontend").Map("networks").Map("ziggie").Text("ipv4_address");

        Assert.False(backend.ContainsKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED"), "that switch trusts X-Forwarded-For from anyone");
        Assert.Equal(frontendAddress, backend.Text("Ziggie__ForwardedHeaders__KnownProxies__0"));
        var subnet = Assert.IsType<Dictionary<object, object>>(Assert.Single(Assert.IsType<List<object>>(
            export.Compose.Map("networks").Map("ziggie").Map("ipam")["config"]))).Text("subnet");
        Assert.True(System.Net.IPNetwork.Parse(subnet).Contains(System.Net.IPAddress.Parse(frontendAddress)), $"{frontendAddress} is not in {subnet}");
    }

    [Fact]
    public void Telemetry_is_sent_only_when_the_env_file_names_the_dashboard()
    {
        Assert.Equal("${OTEL_EXPORTER_OTLP_ENDPOINT:-}", export.Compose.Service("backend").Map("environment").Text("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Fact]
    public void Only_the_backend_is_published_on_the_host_and_the_infrastructure_stays_inside_one_network()
    {
        Assert.Equal(["54112:8080"], export.Compose.Service("backend").Strings("ports"));
        foreach (var name in Infrastructure)
        {
            Assert.False(export.Compose.Service(name).ContainsKey("ports"), $"{name} must not be published on the host");
        }

        // The optional dashboard's UI answers on the host's loopback only.
        Assert.All(export.Compose.Service("dashboard").Strings("ports"), p => Assert.StartsWith("127.0.0.1:", p));

        var network = Assert.Single(export.Compose.Map("networks").Keys.Cast<string>());
        Assert.All(export.Compose.Map("services").Values, s => Assert.Equal([network], Networks((Dictionary<object, object>)s)));
    }

    [Fact]
    public void Every_service_restarts_unless_stopped_and_has_a_probe_that_works_inside_its_image()
    {
        // The model pulls run once: restarting a finished (or failed) pull would pull forever.
        Assert.All(export.Compose.Map("services"), s => Assert.Equal(
            ((string)s.Key).StartsWith("ollama-", StringComparison.Ordinal) ? "no" : "unless-stopped", ((Dictionary<object, object>)s.Value).Text("restart")));

        Assert.Equal(["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"], Probe("mongodb"));
        Assert.Equal(["CMD", "ollama", "list"], Probe("ollama"));
        // The backend's image has no shell or curl: it probes itself, on the path of the model's health check.
        Assert.Equal(["CMD", "dotnet", "/app/Ziggie.Backend.dll", "--healthcheck", "http://127.0.0.1:8080/health"], Probe("backend"));
    }

    [Fact]
    public void Backend_starts_once_mongodb_and_ollama_are_healthy()
    {
        var dependsOn = export.Compose.Service("backend").Map("depends_on");

        Assert.Equal(Infrastructure, dependsOn.Keys.Cast<string>().Order());
        Assert.All(Infrastructure, name => Assert.Equal("service_healthy", dependsOn.Map(name).Text("condition")));
    }

    [Fact]
    public void MongoDB_data_and_Ollama_models_live_in_named_volumes_whose_names_do_not_depend_on_the_checkout()
    {
        Assert.Equal(["mongodb-data:/data/db"], export.Compose.Service("mongodb").Strings("volumes"));
        Assert.Equal(["ollama-ollama:/root/.ollama"], export.Compose.Service("ollama").Strings("volumes"));

        var volumes = export.Compose.Map("volumes");
        Assert.Equal("ziggie-mongodb-data", volumes.Map("mongodb-data").Text("name"));
        Assert.Equal("ziggie-ollama-ollama", volumes.Map("ollama-ollama").Text("name"));
    }

    [Fact]
    public void Ollama_gets_no_GPU_reservation_unless_configured()
    {
        Assert.All(export.Compose.Map("services").Values, s => Assert.False(((Dictionary<object, object>)s).ContainsKey("deploy")));
    }

    [Fact]
    public async Task Env_example_lists_every_parameter_with_secrets_blank()
    {
        var example = await File.ReadAllLinesAsync(export.Export.EnvExamplePath, TestContext.Current.CancellationToken);

        Assert.Contains("MONGODB_PASSWORD=", example);
        Assert.Contains(example, l => l.StartsWith("# mongodb-password: secret", StringComparison.Ordinal));
        Assert.Contains(example, l => l.StartsWith("# Read by: backend, mongodb", StringComparison.Ordinal));
    }

    /// <summary>A <c>${VAR:?message}</c> guard: compose refuses to start without the variable, naming it.</summary>
    internal static string Required(string variable) =>
        $"${{{variable}:?{variable} is not set: run compose with --env-file .env in the export folder (docs/deployment.md)}}";

    // A service's networks: a list of names, or a map of names to settings (a fixed address).
    private static List<string> Networks(Dictionary<object, object> service) => service["networks"] switch
    {
        List<object> names => names.Cast<string>().ToList(),
        var map => Assert.IsType<Dictionary<object, object>>(map).Keys.Cast<string>().ToList(),
    };

    private List<string> Probe(string service) => export.Compose.Service(service).Map("healthcheck").Strings("test");
}
