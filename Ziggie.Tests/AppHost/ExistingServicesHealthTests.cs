using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// Existing-services mode as the dashboard shows it: the existing MongoDB is a resource with its own health, like
/// the container, and the backend's health is what its /health says, so MongoDB down shows as the mongodb resource
/// unhealthy and the backend Degraded (not Healthy because /health answered 200).
/// </summary>
[Collection(SharedAppHostCollection.Name)]
public class ExistingServicesHealthTests(SharedAppHost host)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_the_existing_mongodb_down_the_mongodb_resource_is_unhealthy_and_the_backend_degraded()
    {
        var mongodb = await host.App.ResourceNotifications
            .WaitForResourceAsync("mongodb", e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy, Cancel)
            .WaitAsync(SharedAppHost.Timeout, Cancel);
        var backend = await host.App.ResourceNotifications
            .WaitForResourceAsync("backend", e => e.Snapshot.HealthStatus == HealthStatus.Degraded, Cancel)
            .WaitAsync(SharedAppHost.Timeout, Cancel);

        Assert.Contains(mongodb.Snapshot.HealthReports, r => r.Status == HealthStatus.Unhealthy);
        var report = Assert.Single(backend.Snapshot.HealthReports, r => r.Status == HealthStatus.Degraded);
        Assert.Contains("/health says degraded", report.Description);
        Assert.Contains("mongodb", report.Description);
        var database = host.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "ziggiedb");
        Assert.Contains(database.Annotations.OfType<ResourceRelationshipAnnotation>(), a => a.Type == "Parent" && a.Resource.Name == "mongodb");
    }
}
