extern alias AppHost;
using System.Net.Sockets;
using AppHost::Ziggie.AppHost.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Ziggie.Tests.AppHost;

/// <summary>Which host ports an app model pins: the ports the guard checks, and only those.</summary>
public class PinnedPortsTests
{
    [Fact]
    public void Pinned_endpoint_ports_and_the_target_ports_processes_bind_are_pinned_unpinned_ports_and_container_targets_are_not()
    {
        var model = Model(
            Resource(new ExecutableResource("frontend", "npm", "."), Endpoint("http", port: 3001)),
            Resource(new ExecutableResource("worker", "worker", "."), Endpoint("http", port: 0), Endpoint("admin", targetPort: 5005, isProxied: false)),
            Resource(new ExecutableResource("api", "api", "."), Endpoint("http", port: 8000, targetPort: 8001)),
            Resource(new ContainerResource("cache"), Endpoint("tcp", port: 6380, targetPort: 6379)),
            Resource(new ContainerResource("db"), Endpoint("tcp", targetPort: 27017)));

        var pins = PinnedPorts.Find(model, Configuration(), dashboardEnabled: false);

        Assert.Equal(
            [
                new PinnedPort(3001, "resource \"frontend\", endpoint \"http\""),
                new PinnedPort(5005, "resource \"worker\", endpoint \"admin\""),
                new PinnedPort(8000, "resource \"api\", endpoint \"http\""),
                new PinnedPort(8001, "resource \"api\", endpoint \"http\", target port"),
                new PinnedPort(6380, "resource \"cache\", endpoint \"tcp\""),
            ],
            pins);
    }

    [Fact]
    public void Where_DCP_randomizes_proxied_ports_only_ports_the_resources_bind_themselves_are_pinned()
    {
        var model = Model(
            Resource(new ExecutableResource("frontend", "npm", "."), Endpoint("http", port: 3001)),
            Resource(new ExecutableResource("worker", "worker", "."), Endpoint("admin", port: 5005, isProxied: false)));

        var pins = PinnedPorts.Find(model, Configuration(("DcpPublisher:RandomizePorts", "true")), dashboardEnabled: true);

        Assert.Equal([new PinnedPort(5005, "resource \"worker\", endpoint \"admin\"")], pins);
    }

    [Theory]
    [InlineData(true, "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "http://127.0.0.1:18891", 18891)]
    [InlineData(true, "DOTNET_RESOURCE_SERVICE_ENDPOINT_URL", "https://localhost:17891", 17891)]
    [InlineData(true, "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "http://127.0.0.1:0", null)]
    [InlineData(false, "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "http://127.0.0.1:18891", null)]
    public void The_resource_service_port_is_pinned_when_configured_and_the_dashboard_runs(bool dashboard, string key, string url, int? pinned)
    {
        var pins = PinnedPorts.Find(Model(), Configuration((key, url)), dashboard);

        Assert.Equal(pinned, pins.SingleOrDefault()?.Port);
    }

    private static DistributedApplicationModel Model(params IResource[] resources) => new(resources);

    private static IResource Resource(Resource resource, params EndpointAnnotation[] endpoints)
    {
        if (resource is ContainerResource)
        {
            resource.Annotations.Add(new ContainerImageAnnotation { Image = "example" });
        }

        foreach (var endpoint in endpoints)
        {
            resource.Annotations.Add(endpoint);
        }

        return resource;
    }

    private static EndpointAnnotation Endpoint(string name, int? port = null, int? targetPort = null, bool? isProxied = null) =>
        new(ProtocolType.Tcp, uriScheme: "http", name: name, port: port, targetPort: targetPort, isProxied: isProxied);

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
