using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// The host port an endpoint is published on by the compose export (<c>54112:8080</c>). In publish mode it is kept
/// here instead of on the endpoint: the Aspire manifest must carry no fixed port on an http binding, because azd maps
/// such a binding to Azure Container Apps' main ingress, which accepts only port 80 for http.
/// </summary>
/// <param name="EndpointName">The endpoint, e.g. <c>http</c>.</param>
/// <param name="Port">The host port.</param>
public sealed record ComposeHostPortAnnotation(string EndpointName, int Port) : IResourceAnnotation;
