extern alias AppHost;
using AppHost::Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Ziggie.Tests.AppHost;

/// <summary>Several Ollama nodes as the AppHost configuration asks for them, in the built (not started) model.</summary>
public class OllamaNodesAppModelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private const string Mongo = "ConnectionStrings:ziggiedb=mongodb://127.0.0.1:1/ziggie";

    [Fact]
    public async Task Each_existing_node_is_a_resource_with_its_own_models_and_the_backend_gets_every_connection_string()
    {
        await using var builder = await CreateAsync([Mongo, "Ziggie:Ollama:Nodes:0=http://127.0.0.1:1", "Ziggie:Ollama:Nodes:1=http://127.0.0.1:2/", "Ziggie:Ollama:Models=qwen2.5:0.5b"]);

        var nodes = builder.Resources.OfType<IResourceWithConnectionString>().Where(r => r.Name is "ollama" or "ollama-1").OrderBy(r => r.Name).ToArray();
        Assert.Equal(["Endpoint=http://127.0.0.1:1", "Endpoint=http://127.0.0.1:2"], await Task.WhenAll(nodes.Select(n => n.GetConnectionStringAsync(Cancel).AsTask())));
        var models = builder.Resources.OfType<OllamaModelResource>().OrderBy(m => m.Name).ToArray();
        Assert.Equal([("ollama-1-qwen2-5-0-5b", "ollama-1"), ("ollama-qwen2-5-0-5b", "ollama")], models.Select(m => (m.Name, m.Parent.Name)));

        var backend = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "backend");
        var references = backend.Annotations.OfType<ResourceRelationshipAnnotation>().Select(r => r.Resource.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "ollama", "ollama-1" }, references);
        Assert.DoesNotContain(backend.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name.StartsWith("ollama", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ollama_url_is_node_0_and_the_nodes_list_adds_the_others()
    {
        await using var builder = await CreateAsync([Mongo, "Ziggie:Ollama:Url=http://127.0.0.1:1", "Ziggie:Ollama:Nodes:1=http://127.0.0.1:2", "Ziggie:Ollama:Models="]);

        var names = builder.Resources.OfType<IResourceWithConnectionString>().Select(r => r.Name).Where(n => n.StartsWith("ollama", StringComparison.Ordinal));
        Assert.Equal(["ollama", "ollama-1"], names.Order());
    }

    [Fact]
    public async Task Containers_gives_that_many_ollama_containers_each_with_its_volume_and_the_backend_waits_for_each()
    {
        await using var builder = await CreateAsync(["Ziggie:Ollama:Containers=2", "Ziggie:Ollama:Models=qwen2.5:0.5b"]);

        var containers = builder.Resources.OfType<OllamaResource>().OrderBy(r => r.Name).ToArray();
        Assert.Equal(["ollama", "ollama-1"], containers.Select(c => c.Name));
        var volumes = containers.Select(c => Assert.Single(c.Annotations.OfType<ContainerMountAnnotation>()).Source).ToArray();
        Assert.NotEqual(volumes[0], volumes[1]);
        var backend = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "backend");
        Assert.Equal(["ollama", "ollama-1"], backend.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Where(n => n.StartsWith("ollama", StringComparison.Ordinal)).Order());
        Assert.Equal(2, builder.Resources.OfType<OllamaModelResource>().Count());
    }

    [Theory]
    [InlineData("Ziggie:Ollama:Url=http://127.0.0.1:1", "Ziggie:Ollama:Nodes:0=http://127.0.0.1:2", "Ziggie:Ollama:Nodes:0")]
    [InlineData("Ziggie:Ollama:Nodes:0=http://127.0.0.1:1", "Ziggie:Ollama:Nodes:2=http://127.0.0.1:2", "Ziggie:Ollama:Nodes:1 is missing")]
    [InlineData("Ziggie:Ollama:Nodes:0=http://127.0.0.1:1", "Ziggie:Ollama:Nodes:1=http://127.0.0.1:1/", "twice")]
    [InlineData("Ziggie:Ollama:Containers=0", "Ziggie:Ollama:Models=", "Ziggie:Ollama:Containers")]
    public async Task A_wrong_nodes_setting_stops_the_AppHost_naming_it(string first, string second, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => CreateAsync([Mongo, first, second]));

        Assert.Contains(expected, error.ToString());
    }

    private static Task<IDistributedApplicationTestingBuilder> CreateAsync(string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(args, Cancel).WaitAsync(Timeout, Cancel);
}
