using Microsoft.Extensions.Configuration;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// <c>Ziggie:Ollama:Models</c> and <c>Ziggie:Ollama:Gpu</c> from the AppHost configuration. A wrong value stops the
/// AppHost with the setting to fix, rather than surfacing later as a pull or a container that fails.
/// </summary>
internal static class ZiggieOllamaSettings
{
    public const string UrlKey = "Ziggie:Ollama:Url";
    public const string ModelsKey = "Ziggie:Ollama:Models";
    public const string GpuKey = "Ziggie:Ollama:Gpu";
    public const string DefaultModel = "llama3.2";

    public static IReadOnlyList<string> Models(IConfiguration configuration)
    {
        var section = configuration.GetSection(ModelsKey);
        string[] models = section.Value is { } list
            ? list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0)];
        if (section.Value is null && models.Length == 0) models = [DefaultModel];

        foreach (var model in models.Where(m => !IsModelName(m)))
        {
            throw new DistributedApplicationException(
                $"'{model}' in {ModelsKey} is not an Ollama model name such as llama3.2 or qwen2.5:0.5b " +
                "(letters, digits, '.', '_', '-', ':', '/'). Fix it in the AppHost configuration.");
        }

        var resourceNames = models.GroupBy(m => OllamaModelHostingExtensions.ResourceNameFor("ollama", m)).FirstOrDefault(g => g.Count() > 1);
        if (resourceNames is not null)
        {
            throw new DistributedApplicationException($"{ModelsKey} names one model twice: {string.Join(", ", resourceNames)}.");
        }

        return models;
    }

    public static OllamaGpuVendor? Gpu(IConfiguration configuration) => configuration[GpuKey]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" => null,
        "nvidia" => OllamaGpuVendor.Nvidia,
        "amd" => OllamaGpuVendor.AMD,
        var other => throw new DistributedApplicationException(
            $"{GpuKey} is '{other}'; use none, nvidia or amd. See docs/ollama.md for what each needs on the host."),
    };

    private static bool IsModelName(string name) =>
        name.Length <= 200 && char.IsAsciiLetterOrDigit(name[0]) && !name.Contains("..", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '/');
}
