namespace Ziggie.Tests.Deployment;

/// <summary>Several Ollama containers (<c>Ziggie:Ollama:Containers</c>) in the compose export: one service, volume and pull each.</summary>
public class ComposeOllamaNodesTests
{
    [Fact]
    public async Task Each_ollama_container_is_a_service_with_its_volume_and_model_pull_and_the_backend_gets_each_connection_string()
    {
        using var export = await ExportedCompose.ExportAsync("Ziggie:Ollama:Containers=2", "Ziggie:Ollama:Models=qwen2.5:0.5b");
        var services = (await export.ReadComposeAsync()).Map("services");

        var second = services.Map("ollama-1");
        Assert.StartsWith("docker.io/ollama/ollama:", second.Text("image"));
        Assert.Contains(Assert.IsType<List<object>>(second["volumes"]), v => ((string)v).EndsWith(":/root/.ollama", StringComparison.Ordinal));
        Assert.NotEqual(services.Map("ollama")["volumes"], second["volumes"]);
        Assert.Equal("http://ollama-1:11434", services.Map("ollama-1-qwen2-5-0-5b").Map("environment").Text("OLLAMA_HOST"));
        var backend = services.Map("backend");
        Assert.Equal("Endpoint=http://ollama:11434", backend.Map("environment").Text("ConnectionStrings__ollama"));
        Assert.Equal("Endpoint=http://ollama-1:11434", backend.Map("environment").Text("ConnectionStrings__ollama-1"));
        Assert.Contains("ollama-1", backend.Map("depends_on").Keys);
    }
}
