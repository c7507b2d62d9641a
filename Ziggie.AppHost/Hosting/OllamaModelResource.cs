namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A model on an Ollama server: the container of <c>AddOllama</c> or an existing Ollama. Its connection string
/// is the server's with the model added, <c>Endpoint=http://{host}:{port};Model={model}</c>, the format of
/// CommunityToolkit.Aspire.Hosting.Ollama.
/// </summary>
/// <param name="name">The name of the resource.</param>
/// <param name="modelName">The model as Ollama names it, e.g. <c>llama3.2</c> or <c>qwen2.5:0.5b</c>.</param>
/// <param name="parent">The Ollama server that holds the model.</param>
public class OllamaModelResource(string name, string modelName, IResourceWithConnectionString parent)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    /// <summary>Gets the model as Ollama names it.</summary>
    public string ModelName { get; } = ThrowIfNullOrEmpty(modelName);

    /// <summary>Gets the Ollama server that holds the model.</summary>
    public IResourceWithConnectionString Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));

    /// <inheritdoc/>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent.ConnectionStringExpression};Model={ModelName}");

    private static string ThrowIfNullOrEmpty(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return value;
    }
}
