extern alias AppHost;
using AppHost::Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Ziggie.Tests.AppHost;

/// <summary>Models and GPUs as the AppHost configuration asks for them, in the built (not started) model.</summary>
public class OllamaAppModelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly string[] Existing = ["ConnectionStrings:ziggiedb=mongodb://127.0.0.1:1/ziggie", "Ziggie:Ollama:Url=http://127.0.0.1:1"];

    [Fact]
    public async Task Configured_models_are_children_of_ollama_with_model_connection_strings_the_backend_does_not_wait_for()
    {
        await using var builder = await CreateAsync([.. Existing, "Ziggie:Ollama:Models=qwen2.5:0.5b, llama3.2"]);

        var models = builder.Resources.OfType<OllamaModelResource>().OrderBy(m => m.Name).ToArray();
        Assert.Equal(["ollama-llama3-2", "ollama-qwen2-5-0-5b"], models.Select(m => m.Name));
        Assert.All(models, m => Assert.Equal("ollama", m.Parent.Name));
        Assert.Equal("Endpoint=http://127.0.0.1:1;Model=qwen2.5:0.5b", await ((IResourceWithConnectionString)models[1]).GetConnectionStringAsync(Cancel));

        var backend = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "backend");
        Assert.DoesNotContain(backend.Annotations.OfType<WaitAnnotation>(), w => w.Resource is OllamaModelResource);
        Assert.DoesNotContain(backend.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource is OllamaModelResource);
    }

    [Fact]
    public async Task Without_configuration_the_container_gets_llama3_2_and_no_gpu()
    {
        await using var builder = await CreateAsync([]);

        var model = Assert.Single(builder.Resources.OfType<OllamaModelResource>());
        Assert.Equal(("ollama-llama3-2", "llama3.2"), (model.Name, model.ModelName));
        Assert.IsType<OllamaResource>(model.Parent);
        Assert.Empty(await RuntimeArgsAsync(Assert.Single(builder.Resources.OfType<OllamaResource>())));
    }

    [Fact]
    public async Task An_empty_model_list_adds_no_model()
    {
        await using var builder = await CreateAsync([.. Existing, "Ziggie:Ollama:Models="]);

        Assert.Empty(builder.Resources.OfType<OllamaModelResource>());
    }

    [Fact]
    public async Task Nvidia_gives_the_container_all_gpus()
    {
        await using var builder = await CreateAsync(["Ziggie:Ollama:Gpu=nvidia"]);

        var ollama = Assert.Single(builder.Resources.OfType<OllamaResource>());
        Assert.Equal(["--gpus", "all"], await RuntimeArgsAsync(ollama));
    }

    [Fact]
    public async Task Amd_uses_the_rocm_image_and_passes_the_gpu_devices()
    {
        await using var builder = await CreateAsync(["Ziggie:Ollama:Gpu=AMD"]);

        var ollama = Assert.Single(builder.Resources.OfType<OllamaResource>());
        Assert.True(ollama.TryGetContainerImageName(out var image));
        Assert.EndsWith("-rocm", image);
        Assert.Equal(["--device", "/dev/kfd", "--device", "/dev/dri"], await RuntimeArgsAsync(ollama));
    }

    [Theory]
    [InlineData("Ziggie:Ollama:Gpu=intel", "Ziggie:Ollama:Gpu")]
    [InlineData("Ziggie:Ollama:Models=llama3.2,../secrets", "Ziggie:Ollama:Models")]
    [InlineData("Ziggie:Ollama:Models=llama3.2,llama3.2:latest", "Ziggie:Ollama:Models")]
    public async Task A_wrong_ollama_setting_stops_the_AppHost_naming_it(string setting, string key)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => CreateAsync([setting]));

        Assert.Contains(key, error.ToString());
    }

    private static Task<IDistributedApplicationTestingBuilder> CreateAsync(string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(args, Cancel).WaitAsync(Timeout, Cancel);

    private static async Task<string[]> RuntimeArgsAsync(IResource container)
    {
        var args = new List<object>();
        foreach (var callback in container.Annotations.OfType<ContainerRuntimeArgsCallbackAnnotation>())
        {
            await callback.Callback(new ContainerRuntimeArgsCallbackContext(args, Cancel));
        }

        return [.. args.Select(a => a.ToString()!)];
    }
}
