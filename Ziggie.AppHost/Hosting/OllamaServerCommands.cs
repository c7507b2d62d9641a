using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>The dashboard commands of an Ollama server: list models, pull missing models, unload all.</summary>
internal static class OllamaServerCommands
{
    public const string ListModels = "list-models";
    public const string PullModels = "pull-models";
    public const string UnloadModels = "unload-models";

    public static IResourceBuilder<T> WithServerCommands<T>(this IResourceBuilder<T> builder) where T : IResourceWithConnectionString
    {
        var server = builder.Resource;
        builder.ApplicationBuilder.Services.AddOllamaModelServices();

        builder.WithCommand(ListModels, "List models", async context =>
            {
                var models = await Http(context, server).ListAsync(context.CancellationToken);
                var log = OllamaModelCommands.Logger(context, server);
                log.LogInformation("{Count} models on {Server}", models.Count, server.Name);
                foreach (var model in models) log.LogInformation("{Model}: {Megabytes:0} MB", model.Name, model.Size / 1e6);
                return CommandResults.Success(models.Count == 0 ? "No models." : string.Join(", ", models.Select(m => m.Name)));
            },
            new CommandOptions { Description = "Write the models Ollama has to this resource's log.", IconName = "AppsList", UpdateState = WhenHealthy });

        builder.WithCommand(PullModels, "Pull missing models", context =>
            {
                var downloads = OllamaModelCommands.Downloads(context);
                var started = ModelsOf(context, server).Count(model => downloads.StartPull(model, onlyIfMissing: true));
                return Task.FromResult(CommandResults.Success($"Checking {started} models; each model's state shows its download."));
            },
            new CommandOptions { Description = "Pull the configured models that Ollama lacks.", IconName = "ArrowDownload", UpdateState = WhenHealthy });

        builder.WithCommand(UnloadModels, "Unload all models", async context =>
            {
                var ollama = Http(context, server);
                var loaded = await ollama.ListLoadedAsync(context.CancellationToken);
                foreach (var model in loaded)
                {
                    if (await ollama.UnloadAsync(model.Name, context.CancellationToken) is { } reason) return CommandResults.Failure(reason);
                    OllamaModelCommands.Logger(context, server).LogInformation("Unloaded {Model}", model.Name);
                }

                return CommandResults.Success($"Unloaded {loaded.Count} models.");
            },
            new CommandOptions { Description = "Free the memory (RAM or GPU) of every loaded model.", IconName = "Stop", UpdateState = WhenHealthy });

        return builder;
    }

    internal static IServiceCollection AddOllamaModelServices(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(OllamaModelDownloads))) return services;
        services.AddHttpClient(OllamaHttp.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        return services.AddSingleton<OllamaModelDownloads>();
    }

    private static ResourceCommandState WhenHealthy(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    private static OllamaHttp Http(ExecuteCommandContext context, IResourceWithConnectionString server) =>
        OllamaModelCommands.Downloads(context).Http(server);

    private static IEnumerable<OllamaModelResource> ModelsOf(ExecuteCommandContext context, IResource server) =>
        context.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<OllamaModelResource>().Where(model => model.Parent == server);
}
