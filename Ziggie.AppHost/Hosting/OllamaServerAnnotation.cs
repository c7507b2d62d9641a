namespace Aspire.Hosting.ApplicationModel;

/// <summary>Marks a resource as an Ollama server (a container or an existing one), which models can be added to.</summary>
internal sealed class OllamaServerAnnotation : IResourceAnnotation;
