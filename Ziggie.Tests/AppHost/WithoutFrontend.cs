extern alias AppHost;
using AppHost::Ziggie.AppHost.Hosting;
using Aspire.Hosting.Testing;

namespace Ziggie.Tests.AppHost;

public static class WithoutFrontendExtensions
{
    /// <summary>
    /// Takes the Vite front end (and its npm ci) out of a model about to start: AppHost tests start DCP,
    /// and npm on port 3001 is for people, not for them. The browser tests cover the front end.
    /// </summary>
    public static IDistributedApplicationTestingBuilder WithoutFrontend(this IDistributedApplicationTestingBuilder builder)
    {
        var frontend = builder.Resources.OfType<ViteAppResource>().ToList();
        var children = builder.Resources.Where(r => frontend.Any(f => r.Name.StartsWith($"{f.Name}-", StringComparison.Ordinal))).ToList();
        foreach (var resource in frontend.Concat(children))
        {
            builder.Resources.Remove(resource);
        }

        return builder;
    }
}
