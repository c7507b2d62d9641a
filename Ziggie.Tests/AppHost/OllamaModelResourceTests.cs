extern alias AppHost;

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ziggie.Tests.AppHost;

/// <summary>
/// Model resources in the real AppHost (DCP, existing-services mode) in front of a fake Ollama: their dashboard
/// states while they download, their health, and their commands.
/// </summary>
public class OllamaModelResourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private const string Qwen = "ollama-qwen2-5-0-5b";

    [Fact]
    public async Task A_missing_model_shows_its_download_percent_and_becomes_healthy_without_holding_up_the_backend()
    {
        await using var ollama = await FakeOllama.StartAsync(Cancel);
        ollama.AddToLibrary("qwen2.5:0.5b", totalBytes: 400_000_000);
        ollama.PullSteps = 4;
        // Held after "pulling manifest", 25 % and 50 %: the 50 % state must show and stay until released.
        var gate = ollama.HoldBeforeChunk(3);
        await using var app = await BuildAsync(ollama, "qwen2.5:0.5b");
        using var states = new StateRecorder(app, Qwen);
        await app.StartAsync(Cancel).WaitAsync(Timeout, Cancel);

        await app.ResourceNotifications.WaitForResourceAsync(Qwen, e => e.Snapshot.State?.Text == "Downloading qwen2.5:0.5b 50 percent", Cancel)
            .WaitAsync(Timeout, Cancel);
        await gate.Reached.WaitAsync(Timeout, Cancel);
        await SharedAppHost.WaitForBackendServingAsync(app, Cancel);
        Assert.False(ollama.HasModel("qwen2.5:0.5b"));

        gate.Release();
        await app.ResourceNotifications.WaitForResourceHealthyAsync(Qwen, Cancel).WaitAsync(Timeout, Cancel);

        Assert.True(ollama.HasModel("qwen2.5:0.5b"));
        AssertInOrder(await states.StopAsync(),
            "Checking qwen2.5:0.5b",
            "Downloading qwen2.5:0.5b",
            "Downloading qwen2.5:0.5b 25 percent",
            "Downloading qwen2.5:0.5b 50 percent",
            "Downloading qwen2.5:0.5b 75 percent",
            "Downloading qwen2.5:0.5b 100 percent",
            KnownResourceStates.Running);
        Assert.Contains(ollama.Requests, r => r.Path == "/api/show" && r.Model == "qwen2.5:0.5b");
    }

    [Fact]
    public async Task A_failed_download_shows_the_reason_and_pull_again_retries_it()
    {
        await using var ollama = await FakeOllama.StartAsync(Cancel);
        ollama.FailPullAfterSteps = 2;
        await using var app = await BuildAsync(ollama, "qwen2.5:0.5b");
        await app.StartAsync(Cancel).WaitAsync(Timeout, Cancel);

        var failed = await app.ResourceNotifications.WaitForResourceAsync(
            Qwen, e => e.Snapshot.State?.Text?.StartsWith("Failed to download", StringComparison.Ordinal) == true, Cancel).WaitAsync(Timeout, Cancel);
        Assert.Equal("Failed to download: max retries exceeded: unexpected EOF", failed.Snapshot.State!.Text);
        Assert.Equal(KnownResourceStateStyles.Error, failed.Snapshot.State.Style);
        Assert.False(ollama.HasModel("qwen2.5:0.5b"));

        ollama.FailPullAfterSteps = null;
        var result = await Commands(app).ExecuteCommandAsync(Qwen, "pull-again", Cancel).WaitAsync(Timeout, Cancel);

        Assert.True(result.Success, result.Message);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(Qwen, Cancel).WaitAsync(Timeout, Cancel);
        Assert.True(ollama.HasModel("qwen2.5:0.5b"));
    }

    [Fact]
    public async Task Commands_list_unload_and_delete_models_on_the_ollama_server()
    {
        await using var ollama = await FakeOllama.StartAsync(Cancel);
        await using var app = await BuildAsync(ollama, "llama3.2");
        await app.StartAsync(Cancel).WaitAsync(Timeout, Cancel);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("ollama-llama3-2", Cancel).WaitAsync(Timeout, Cancel);
        Assert.Single(ollama.Requests, r => r.Path == "/api/tags");
        Assert.DoesNotContain(ollama.Requests, r => r.Path == "/api/pull");

        var list = await Commands(app).ExecuteCommandAsync("ollama", "list-models", Cancel).WaitAsync(Timeout, Cancel);
        var unload = await Commands(app).ExecuteCommandAsync("ollama-llama3-2", "unload", Cancel).WaitAsync(Timeout, Cancel);
        var delete = await Commands(app).ExecuteCommandAsync("ollama-llama3-2", "delete", Cancel).WaitAsync(Timeout, Cancel);

        Assert.True(list.Success, list.Message);
        Assert.Equal("llama3.2:latest", list.Message);
        Assert.True(unload.Success, unload.Message);
        var unloadRequest = Assert.Single(ollama.Requests, r => r.Path == "/api/generate");
        Assert.Equal(0, unloadRequest.Json!.Value.GetProperty("keep_alive").GetInt32());
        Assert.True(delete.Success, delete.Message);
        Assert.False(ollama.HasModel("llama3.2"));
        await app.ResourceNotifications.WaitForResourceAsync("ollama-llama3-2", "Not downloaded", Cancel).WaitAsync(Timeout, Cancel);
    }

    private static async Task<DistributedApplication> BuildAsync(FakeOllama ollama, string models)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Ziggie_AppHost>(
            [
                .. AppHostArguments.ExistingServices(ollama.BaseAddress, await AppHostArguments.TelemetrySinkAsync()),
                $"Ziggie:Ollama:Models={models}",
                "Ziggie:Ports:Backend=0",
            ],
            Cancel).WaitAsync(Timeout, Cancel);
        return await builder.WithoutFrontend().BuildAsync(Cancel).WaitAsync(Timeout, Cancel);
    }

    private static ResourceCommandService Commands(DistributedApplication app) => app.Services.GetRequiredService<ResourceCommandService>();

    private static void AssertInOrder(IReadOnlyList<string> seen, params string[] expected)
    {
        var at = 0;
        foreach (var state in seen)
        {
            if (at < expected.Length && state == expected[at]) at++;
        }

        Assert.True(at == expected.Length, $"Expected in order: {string.Join(" → ", expected)}; seen: {string.Join(" → ", seen)}");
    }

    /// <summary>Every state one resource passes through, recorded from before the app starts.</summary>
    private sealed class StateRecorder : IDisposable
    {
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        private readonly Task<List<string>> _watching;

        public StateRecorder(DistributedApplication app, string resource) => _watching = Task.Run(async () =>
        {
            var states = new List<string>();
            try
            {
                await foreach (var e in app.ResourceNotifications.WatchAsync(_stop.Token))
                {
                    if (e.Resource.Name == resource && e.Snapshot.State?.Text is { } state && (states.Count == 0 || states[^1] != state))
                    {
                        states.Add(state);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            return states;
        });

        public async Task<List<string>> StopAsync()
        {
            await _stop.CancelAsync();
            return await _watching.WaitAsync(Timeout, Cancel);
        }

        public void Dispose() => _stop.Dispose();
    }
}
