using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// The container runtime (Docker or Podman) as the dashboard shows it: whether it answers, and if not, what to do.
/// Present only when the model runs containers.
/// </summary>
/// <param name="name">The name of the resource.</param>
/// <param name="runtime">The runtime's command, <c>docker</c> or <c>podman</c>.</param>
public sealed class ContainerRuntimeResource(string name, string runtime) : Resource(name)
{
    /// <summary>Gets the runtime's command, as ASPIRE_CONTAINER_RUNTIME names it (default <c>docker</c>).</summary>
    public string Runtime { get; } = runtime;
}
