namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An Ollama server running in a container. Its connection string is <c>Endpoint=http://{host}:{port}</c>,
/// the format of CommunityToolkit.Aspire.Hosting.Ollama.
/// </summary>
/// <param name="name">The name of the resource.</param>
public class OllamaResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string OllamaEndpointName = "http";

    private EndpointReference? _primaryEndpoint;

    /// <summary>Gets the Ollama HTTP API endpoint.</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, OllamaEndpointName);

    /// <inheritdoc/>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={PrimaryEndpoint.Property(EndpointProperty.Url)}");
}
