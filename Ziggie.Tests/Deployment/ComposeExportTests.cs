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
    static readonly string[] Infrastructure = ["mongodb", "ollama"];

    [Fact]
    public void Services_are_the_resources_of_the_model_plus_the_optional_dashboard()
    {
        Assert.Equal(["mongodb", "ollama", "backend", "frontend", "dashboard"], export.Compose.Map("services").Keys.Cast<string>());
        Assert.Equal("docker.io/library/mongo:8.0", export.Compose.Service("mongodb").Text("image"));
        Assert.Equal("docker.io/ollama/ollama:0.12.11", export.Compose.Service("ollama").Text("image"));

        var dashboard = export.Compose.Service("dashboard");
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspire-dashboard:", dashboard.Text("image"));
        Assert.Equal(["dashboard"], dashboard.Strings("profiles"));
    }

    [Fact]
    public void The_front_end_is_built_from_its_Dockerfile_published_on_3001_and_proxies_to_the_backend_by_name()
    {
        var frontend = export.Compose.Service("frontend");

        Assert.Equal("Dockerfile", frontend.Map("build").Text("dockerfile"));
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "Ziggie.Frontend"),
            Path.GetFullPath(Path.Combine(export.Export.Folder.FullName, frontend.Map("build").Text("context"))).TrimEnd('/'));
        Assert.Equal(["3001:3001"], frontend.Strings("ports"));
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
            "mongodb://admin:${MONGODB_PASSWORD}@mongodb:27017/ziggie?authSource=admin&authMechanism=SCRAM-SHA-256",
            backend.Text("ConnectionStrings__ziggiedb"));
        Assert.Equal("8080", backend.Text("HTTP_PORTS"));
        Assert.Equal("http://dashboard:18889", backend.Text("OTEL_EXPORTER_OTLP_ENDPOINT"));

        var mongo = export.Compose.Service("mongodb").Map("environment");
        Assert.Equal("${MONGODB_PASSWORD}", mongo.Text("MONGO_INITDB_ROOT_PASSWORD"));

        var secret = File.ReadAllLines(export.Export.EnvPath).Single(l => l.StartsWith("MONGODB_PASSWORD=", StringComparison.Ordinal))
            ["MONGODB_PASSWORD=".Length..].Trim('\'');
        Assert.True(secret.Length >= 22, secret);
        Assert.DoesNotContain(secret, export.ComposeText);
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
        Assert.All(export.Compose.Map("services").Values, s => Assert.Equal([network], ((Dictionary<object, object>)s).Strings("networks")));
    }

    [Fact]
    public void Every_service_restarts_unless_stopped_and_has_a_probe_that_works_inside_its_image()
    {
        Assert.All(export.Compose.Map("services").Values, s => Assert.Equal("unless-stopped", ((Dictionary<object, object>)s).Text("restart")));

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

    List<string> Probe(string service) => export.Compose.Service(service).Map("healthcheck").Strings("test");
}
