using Microsoft.Extensions.Configuration;

namespace Ziggie.AppHost.Deployment;

/// <summary>What the compose export needs from the AppHost besides its model.</summary>
/// <param name="ProjectName">The application's short name, which prefixes the volume names: <c>ziggie</c>.</param>
/// <param name="GeneratedVolumePrefix">The machine-specific prefix of volume names Aspire generated.</param>
/// <param name="OllamaGpu"><c>Ziggie:Ollama:Gpu</c>: <c>nvidia</c> reserves the GPUs for the Ollama service.</param>
internal sealed record ComposeExportOptions(string ProjectName, string GeneratedVolumePrefix, string? OllamaGpu)
{
    public const string OllamaGpuKey = "Ziggie:Ollama:Gpu";

    public static ComposeExportOptions From(IDistributedApplicationBuilder builder) => new(
        ComposeNames.Project(builder.Environment.ApplicationName),
        ComposeNames.GeneratedVolumePrefix(builder.Environment.ApplicationName, builder.Configuration["AppHost:Sha256"]),
        builder.Configuration[OllamaGpuKey]);
}
