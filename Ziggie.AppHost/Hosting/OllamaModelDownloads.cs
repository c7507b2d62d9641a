using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The AppHost's model downloads, one downloader per model resource, run in the background: a 2 GB pull must
/// hold up neither the AppHost's start, nor the backend (which never waits for models), nor a dashboard command.
/// </summary>
internal sealed class OllamaModelDownloads(
    IHttpClientFactory clients, ResourceNotificationService notifications, ResourceLoggerService logs, IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<OllamaModelResource, OllamaModelDownloader> _downloaders = new();

    public OllamaHttp Http(IResourceWithConnectionString server) => new(clients.CreateClient(OllamaHttp.ClientName), server);

    public OllamaModelDownloader For(OllamaModelResource model) =>
        _downloaders.GetOrAdd(model, m => new OllamaModelDownloader(m, Http(m.Parent), notifications, logs.GetLogger(m)));

    /// <summary>Once the server is healthy, pulls the model if it is missing.</summary>
    public void StartWhenServerIsHealthy(OllamaModelResource model) => Run(async stopping =>
    {
        logs.GetLogger(model).LogInformation("Waiting for {Server} to be healthy", model.Parent.Name);
        await notifications.WaitForResourceHealthyAsync(model.Parent.Name, WaitBehavior.WaitOnResourceUnavailable, stopping);
        await For(model).EnsureAsync(stopping);
    });

    /// <summary>Pulls the model again; false when a download of it is running already.</summary>
    public bool StartPull(OllamaModelResource model, bool onlyIfMissing = false)
    {
        var downloader = For(model);
        if (downloader.IsRunning) return false;
        Run(stopping => onlyIfMissing ? downloader.EnsureAsync(stopping) : downloader.PullAsync(stopping));
        return true;
    }

    private void Run(Func<CancellationToken, Task> work)
    {
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await work(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The AppHost is stopping.
            }
        }, stopping);
    }
}
