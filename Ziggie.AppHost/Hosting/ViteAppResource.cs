using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// A Vite front end run by its own <c>npm run dev</c>, shaped like Aspire.Hosting.JavaScript's <c>ViteAppResource</c>
/// (not served here).
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="workingDirectory">The folder with the app's package.json.</param>
public sealed class ViteAppResource(string name, string workingDirectory)
    : ExecutableResource(name, NpmCommand, workingDirectory), IResourceWithServiceDiscovery
{
    /// <summary>npm, as the operating system names its launcher.</summary>
    public static string NpmCommand { get; } = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
}
