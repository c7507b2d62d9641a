extern alias AppHost;
using AppHost::Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Ziggie.Tests.AppHost;

/// <summary>The AppHost's model, built but not started: what is wired to what.</summary>
public class AppModelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Without_existing_services_MongoDB_and_Ollama_are_pinned_containers_with_volumes_the_backend_waits_for()
    {
        await using var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<AppHost::Projects.Ziggie_AppHost>(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var mongo = Assert.Single(builder.Resources.OfType<MongoDBServerResource>());
        Assert.Equal("mongodb", mongo.Name);
        Assert.True(mongo.TryGetContainerImageName(out var mongoImage));
        Assert.Equal("docker.io/library/mongo:8.2", mongoImage);
        Assert.Contains(mongo.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/data/db");
        Assert.Equal("mongodb-password", mongo.PasswordParameter.Name);
        Assert.True(mongo.PasswordParameter.Secret);

        var database = Assert.Single(builder.Resources.OfType<MongoDBDatabaseResource>());
        Assert.Equal(("ziggiedb", "ziggie"), (database.Name, database.DatabaseName));

        var ollama = Assert.Single(builder.Resources.OfType<OllamaResource>());
        Assert.True(ollama.TryGetContainerImageName(out var ollamaImage));
        Assert.StartsWith("docker.io/ollama/ollama:", ollamaImage);
        Assert.DoesNotContain(":latest", ollamaImage);
        Assert.Contains(ollama.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/root/.ollama");

        var backend = Backend(builder);
        Assert.Equal(["ollama", "ziggiedb"], WaitsFor(backend));
        Assert.Equal(54112, backend.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port);
    }

    [Fact]
    public async Task Existing_services_replace_the_containers_and_are_not_waited_for()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            ["ConnectionStrings:ziggiedb=mongodb://127.0.0.1:1/ziggie", "Ziggie:Ollama:Url=http://127.0.0.1:1", "Ziggie:Ports:Backend=0"],
            TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Empty(builder.Resources.OfType<ContainerResource>());
        var ollama = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "ollama");
        Assert.Equal("Endpoint=http://127.0.0.1:1", await ollama.GetConnectionStringAsync(TestContext.Current.CancellationToken));

        var backend = Backend(builder);
        Assert.Empty(WaitsFor(backend));
        Assert.Null(backend.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port);
    }

    [Fact]
    public async Task An_ollama_url_that_is_not_http_stops_the_AppHost_with_the_setting_to_fix()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            ["ConnectionStrings:ziggiedb=mongodb://127.0.0.1:1/ziggie", "Ziggie:Ollama:Url=localhost:11434"],
            TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Contains("Ziggie:Ollama:Url", error.ToString());
    }

    [Fact]
    public async Task The_backend_is_told_its_public_address_so_the_dashboard_tile_shows_the_port_users_call()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            ["ConnectionStrings:ziggiedb=mongodb://127.0.0.1:1/ziggie", "Ziggie:Ollama:Url=http://127.0.0.1:1"],
            TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var backend = Backend(builder);

        var context = new EnvironmentCallbackContext(builder.ExecutionContext);
        foreach (var callback in backend.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }

        var url = Assert.IsType<EndpointReference>(context.EnvironmentVariables["Ziggie__System__PublicUrl"]);
        Assert.Equal(("backend", "http"), (url.Resource.Name, url.EndpointName));
        Assert.Equal(54112, backend.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == url.EndpointName).Port);
    }

    private static ProjectResource Backend(IDistributedApplicationTestingBuilder builder) =>
        builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "backend");

    private static string[] WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>()
            .Select(w => w.Resource.Name)
            .Where(name => name is "ollama" or "ziggiedb")
            .Order()
            .ToArray();
}
