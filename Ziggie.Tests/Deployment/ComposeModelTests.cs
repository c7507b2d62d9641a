extern alias AppHost;
using AppHost::Ziggie.AppHost.Deployment;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.Serialization;
using Ziggie.Tests.Infrastructure;
using OllamaHosting = AppHost::Aspire.Hosting.OllamaHostingExtensions;
using OllamaModels = AppHost::Aspire.Hosting.OllamaModelHostingExtensions;

namespace Ziggie.Tests.Deployment;

/// <summary>
/// Resources Ziggie does not have yet (a front end built from its own Dockerfile, new secrets, a GPU worker), in a
/// model built here in publish mode: they reach the export with no change to the exporter.
/// </summary>
public sealed class ComposeModelTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("ziggie-compose-model-");
    private readonly DirectoryInfo _frontendFolder = Directory.CreateTempSubdirectory("ziggie-frontend-");

    [Fact]
    public async Task A_front_end_built_from_its_Dockerfile_is_published_probed_and_waits_for_the_backend()
    {
        await File.WriteAllTextAsync(Path.Combine(_frontendFolder.FullName, "Dockerfile"), "FROM nginx:alpine\n", Cancel);
        var builder = PublishModeBuilder();
        var api = builder.AddProject("api", RepositoryPaths.BackendProject).WithHttpHealthCheck("/health");
        builder.AddDockerfile("frontend", _frontendFolder.FullName)
            .WithHttpEndpoint(port: 3001, targetPort: 3001)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/")
            .WithReference(api).WaitFor(api);

        var (compose, _) = await ExportAsync(builder);

        var frontend = compose.Service("frontend");
        Assert.Equal("Dockerfile", frontend.Map("build").Text("dockerfile"));
        Assert.Equal(_frontendFolder.FullName, Path.GetFullPath(Path.Combine(_output.FullName, frontend.Map("build").Text("context"))));
        Assert.Equal(["3001:3001"], frontend.Strings("ports"));
        Assert.Equal("http://api:8080", frontend.Map("environment").Text("services__api__http__0"));
        Assert.False(frontend.Map("environment").ContainsKey("services__api__https__0"), "a project serves no https in compose");
        Assert.Equal("service_healthy", frontend.Map("depends_on").Map("api").Text("condition"));
        var probe = frontend.Map("healthcheck").Strings("test");
        Assert.Equal("CMD-SHELL", probe[0]);
        Assert.Contains("http://127.0.0.1:3001/", probe[1]);
    }

    [Fact]
    public async Task A_new_secret_parameter_becomes_a_variable_and_never_a_value_in_the_compose_file()
    {
        var builder = PublishModeBuilder();
        var adminPassword = builder.AddParameter("admin-password", secret: true);
        builder.AddContainer("worker", "example/worker", "1.0").WithEnvironment("Ziggie__Admin__Password", adminPassword);

        var (compose, export) = await ExportAsync(builder);

        Assert.Equal(ComposeExportTests.Required("ADMIN_PASSWORD"), compose.Service("worker").Map("environment").Text("Ziggie__Admin__Password"));
        var parameter = Assert.Single(export.Parameters);
        Assert.Contains("\nADMIN_PASSWORD=\n", ComposeEnvironmentFiles.Example(export.Parameters));
        Assert.Matches("^[A-Za-z0-9]{32}$", parameter.InitialValue());
    }

    [Fact]
    public async Task A_container_run_with_gpus_reserves_them_and_dependents_of_a_service_without_probe_wait_for_its_start()
    {
        await File.WriteAllTextAsync(Path.Combine(_frontendFolder.FullName, "Dockerfile"), "FROM example/web\nHEALTHCHECK CMD [\"/probe\"]\n", Cancel);
        var builder = PublishModeBuilder();
        var worker = builder.AddContainer("worker", "example/worker", "1.0").WithContainerRuntimeArgs("--gpus", "all");
        var web = builder.AddDockerfile("web", _frontendFolder.FullName);
        builder.AddContainer("client", "example/client", "1.0").WaitFor(worker).WaitFor(web);

        var (compose, _) = await ExportAsync(builder);

        Assert.Equal("nvidia", Assert.IsType<Dictionary<object, object>>(Assert.Single(Assert.IsType<List<object>>(
            compose.Service("worker").Map("deploy").Map("resources").Map("reservations")["devices"]))).Text("driver"));
        Assert.False(compose.Service("worker").ContainsKey("healthcheck"));
        // The web image declares its own HEALTHCHECK: compose uses it, and can wait for it.
        Assert.False(compose.Service("web").ContainsKey("healthcheck"));
        var dependsOn = compose.Service("client").Map("depends_on");
        Assert.Equal("service_started", dependsOn.Map("worker").Text("condition"));
        Assert.Equal("service_healthy", dependsOn.Map("web").Text("condition"));
    }

    [Fact]
    public async Task A_value_that_names_an_endpoint_no_service_serves_stops_the_export_naming_the_service_and_the_variable()
    {
        var builder = PublishModeBuilder();
        // An executable has no container form, so no compose service serves its endpoint.
        var tool = builder.AddExecutable("tool", "tool", ".").WithHttpEndpoint(targetPort: 9000, name: "http");
        builder.AddContainer("client", "example/client", "1.0").WithEnvironment("TOOL_URL", tool.GetEndpoint("http"));

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => ExportAsync(builder));

        Assert.Contains("TOOL_URL of 'client'", error.Message);
        Assert.Contains("'http' of 'tool'", error.Message);
    }

    [Fact]
    public async Task Each_configured_model_gets_a_one_shot_pull_on_the_ollama_image_that_nothing_waits_for()
    {
        var builder = PublishModeBuilder();
        var ollama = OllamaHosting.AddOllama(builder, "ollama");
        OllamaModels.AddModel(ollama, "llama3.2");
        OllamaModels.AddModel(ollama, "qwen2.5:0.5b");
        builder.AddContainer("client", "example/client", "1.0").WithReference(ollama).WaitFor(ollama);

        var (compose, _) = await ExportAsync(builder);

        foreach (var (service, model) in new[] { ("ollama-llama3-2", "llama3.2"), ("ollama-qwen2-5-0-5b", "qwen2.5:0.5b") })
        {
            var pull = compose.Service(service);
            // The image's entrypoint is /bin/ollama, so the command is the CLI's arguments; OLLAMA_HOST names the server.
            Assert.Equal(compose.Service("ollama").Text("image"), pull.Text("image"));
            Assert.False(pull.ContainsKey("entrypoint"));
            Assert.Equal(["pull", model], pull.Strings("command"));
            Assert.Equal("http://ollama:11434", pull.Map("environment").Text("OLLAMA_HOST"));
            Assert.Equal("service_healthy", pull.Map("depends_on").Map("ollama").Text("condition"));
            Assert.Equal("no", pull.Text("restart"));
        }

        Assert.Equal(["ollama"], compose.Service("client").Map("depends_on").Keys.Cast<string>());
    }

    // A bare builder in publish mode, without Ziggie's resources: nothing starts, the model is only built.
    private IDistributedApplicationBuilder PublishModeBuilder() =>
        DistributedApplication.CreateBuilder(["--operation", "publish", "--output-path", _output.FullName]);

    private async Task<(Dictionary<object, object> Compose, ComposeExport Export)> ExportAsync(IDistributedApplicationBuilder builder)
    {
        using var app = builder.Build();
        var export = await ComposeExporter.ExportAsync(
            app.Services.GetRequiredService<DistributedApplicationModel>(),
            app.Services.GetRequiredService<DistributedApplicationExecutionContext>(),
            new ComposeExportOptions("ziggie", "unused-", OllamaGpu: null),
            _output.FullName,
            Cancel);
        return (new Deserializer().Deserialize<Dictionary<object, object>>(export.Yaml), export);
    }

    public void Dispose()
    {
        _output.Delete(recursive: true);
        _frontendFolder.Delete(recursive: true);
    }
}
