extern alias AppHost;

using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// One real AppHost (DCP, existing-services mode, no front end) for the tests that only look at it: two fake Ollama
/// nodes (<see cref="Ollama"/> as <c>Ziggie:Ollama:Url</c>, <see cref="SecondNode"/> as <c>Ziggie:Ollama:Nodes:1</c>, with
/// no model of its own, so that every call for llama3.2 still goes to the first),
/// MongoDB down (a closed port), a collector in the dashboard's place, the secrets set. Starting one takes
/// 15–40 s here, so the classes of <see cref="SharedAppHostCollection"/> share it instead of starting their own.
/// </summary>
public sealed class SharedAppHost : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public FakeOllama Ollama { get; private set; } = null!;

    /// <summary>Node <c>ollama-1</c>: starts without models; a test that gives it one uses a name of its own.</summary>
    public FakeOllama SecondNode { get; private set; } = null!;

    public OtlpCollector Collector { get; private set; } = null!;

    public DistributedApplication App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        Collector = await OtlpCollector.StartAsync(cancel).WaitAsync(Timeout, cancel);
        Ollama = await FakeOllama.StartAsync(cancel).WaitAsync(Timeout, cancel);
        Ollama.TokenCount = 6;
        SecondNode = await FakeOllama.StartAsync(cancel).WaitAsync(Timeout, cancel);
        foreach (var model in SecondNode.Models) SecondNode.RemoveModel(model.Name);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            AppHostArguments.ExistingServices(Ollama.BaseAddress, Collector.BaseAddress, "Ziggie:Ollama:Models=", "Ziggie:Ports:Backend=0",
                $"Ziggie:Ollama:Nodes:1={SecondNode.BaseAddress}"),
            cancel).WaitAsync(Timeout, cancel);
        App = await builder.WithoutFrontend().BuildAsync(cancel).WaitAsync(Timeout, cancel);
        await App.StartAsync(cancel).WaitAsync(Timeout, cancel);
        await WaitForBackendServingAsync(App, cancel);
    }

    /// <summary>
    /// Waits until the backend answers its health report: Healthy, or Degraded (MongoDB down), which is how the
    /// dashboard shows a backend that serves without its database.
    /// </summary>
    public static Task WaitForBackendServingAsync(DistributedApplication app, CancellationToken cancel) =>
        app.ResourceNotifications.WaitForResourceAsync(
                "backend", e => e.Snapshot.HealthStatus is HealthStatus.Healthy or HealthStatus.Degraded, cancel)
            .WaitAsync(Timeout, cancel);

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (Ollama is not null) await Ollama.DisposeAsync();
        if (SecondNode is not null) await SecondNode.DisposeAsync();
        if (Collector is not null) await Collector.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAppHostCollection : ICollectionFixture<SharedAppHost>
{
    public const string Name = "Shared AppHost";
}
