using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>
/// Adds models to an Ollama server, shaped like CommunityToolkit.Aspire.Hosting.Ollama's <c>AddModel</c>. Works on
/// the container of <c>AddOllama</c> and on an existing Ollama alike.
/// </summary>
public static partial class OllamaModelHostingExtensions
{
    /// <summary>
    /// Adds a model resource <c>{server}-{model}</c> (e.g. <c>ollama-llama3-2</c>, <c>ollama-qwen2-5-0-5b</c>). Once the
    /// server is healthy it pulls the model if Ollama lacks it, showing "Downloading {model} {n} percent"; it is
    /// healthy when Ollama's <c>/api/show</c> answers for the model. Nothing waits for it unless told to.
    /// </summary>
    /// <param name="builder">The Ollama server: the container of <c>AddOllama</c> or an existing Ollama.</param>
    /// <param name="modelName">The model as Ollama names it, e.g. <c>llama3.2</c> or <c>qwen2.5:0.5b</c>.</param>
    public static IResourceBuilder<OllamaModelResource> AddModel(this IResourceBuilder<IResourceWithConnectionString> builder, string modelName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);

        return builder.AddModel(ResourceNameFor(builder.Resource.Name, modelName), modelName);
    }

    /// <summary>Adds a model resource with the given name; see <see cref="AddModel(IResourceBuilder{IResourceWithConnectionString}, string)"/>.</summary>
    /// <param name="builder">The Ollama server: the container of <c>AddOllama</c> or an existing Ollama.</param>
    /// <param name="name">The name of the resource.</param>
    /// <param name="modelName">The model as Ollama names it.</param>
    /// <exception cref="ArgumentException">The server is not an Ollama server.</exception>
    public static IResourceBuilder<OllamaModelResource> AddModel(
        this IResourceBuilder<IResourceWithConnectionString> builder, [ResourceName] string name, string modelName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        if (!builder.Resource.Annotations.OfType<OllamaServerAnnotation>().Any())
        {
            throw new ArgumentException($"'{builder.Resource.Name}' is not an Ollama server: add models to AddOllama or AddExistingOllama.", nameof(builder));
        }

        var model = new OllamaModelResource(name, modelName, builder.Resource);
        var services = builder.ApplicationBuilder.Services.AddOllamaModelServices();
        var healthCheckKey = $"{name}_check";
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            sp => new OllamaModelHealthCheck(sp.GetRequiredService<OllamaModelDownloads>().Http(model.Parent), modelName),
            failureStatus: null,
            tags: null,
            timeout: TimeSpan.FromSeconds(10)));

        return builder.ApplicationBuilder.AddResource(model)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = OllamaModelStates.ResourceType,
                State = KnownResourceStates.Waiting,
                Properties = [new(CustomResourceKnownProperties.Source, modelName)],
            })
            .WithIconName("BrainCircuit")
            .WithHealthCheck(healthCheckKey)
            .WithModelCommands()
            .OnInitializeResource((resource, e, _) =>
            {
                e.Services.GetRequiredService<OllamaModelDownloads>().StartWhenServerIsHealthy(resource);
                return Task.CompletedTask;
            });
    }

    /// <summary>
    /// <c>{server}-{model}</c> with everything but letters and digits made a dash, like the toolkit's names; the tag
    /// is kept (unless <c>latest</c>) so that two sizes of one model get two resources.
    /// </summary>
    internal static string ResourceNameFor(string server, string modelName)
    {
        var lastSegment = modelName[(modelName.LastIndexOf('/') + 1)..];
        if (lastSegment.EndsWith(":latest", StringComparison.OrdinalIgnoreCase)) lastSegment = lastSegment[..^":latest".Length];
        var name = $"{server}-{NotLetterOrDigit().Replace(lastSegment.ToLowerInvariant(), "-").Trim('-')}";
        return name.Length <= 64 ? name : name[..64].TrimEnd('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLetterOrDigit();
}
