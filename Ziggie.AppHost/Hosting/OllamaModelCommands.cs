using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>The dashboard commands of a model resource: pull again, unload, delete.</summary>
internal static class OllamaModelCommands
{
    public const string PullAgain = "pull-again";
    public const string Unload = "unload";
    public const string Delete = "delete";

    public static IResourceBuilder<OllamaModelResource> WithModelCommands(this IResourceBuilder<OllamaModelResource> builder)
    {
        var model = builder.Resource;
        var name = model.ModelName;

        builder.WithCommand(PullAgain, "Pull again", context =>
            Task.FromResult(Downloads(context).StartPull(model)
                ? CommandResults.Success($"Pulling {name}; the state shows the progress.")
                : CommandResults.Failure($"{name} is being downloaded already.")),
            new CommandOptions
            {
                Description = $"Download {name} again from the registry, e.g. after a failed download.",
                IconName = "ArrowDownload",
                UpdateState = context => OllamaModelStates.IsBusy(context.ResourceSnapshot.State?.Text)
                    ? ResourceCommandState.Disabled
                    : ResourceCommandState.Enabled,
            });

        builder.WithCommand(Unload, "Unload", async context =>
            {
                if (await Downloads(context).Http(model.Parent).UnloadAsync(name, context.CancellationToken) is { } reason)
                {
                    return CommandResults.Failure(reason);
                }

                Logger(context, model).LogInformation("Unloaded {Model} from memory", name);
                return CommandResults.Success($"{name} is unloaded; the next request loads it again.");
            },
            new CommandOptions
            {
                Description = $"Free the memory (RAM or GPU) that {name} holds; the next request loads it again.",
                IconName = "Stop",
                UpdateState = WhenRunning,
            });

        builder.WithCommand(Delete, "Delete", async context =>
            {
                var downloads = Downloads(context);
                if (await downloads.Http(model.Parent).DeleteAsync(name, context.CancellationToken) is { } reason)
                {
                    return CommandResults.Failure(reason);
                }

                Logger(context, model).LogInformation("Deleted {Model}; 'Pull again' downloads it again", name);
                await downloads.For(model).PublishAsync(OllamaModelStates.NotDownloaded, KnownResourceStateStyles.Warn);
                return CommandResults.Success($"{name} is deleted.");
            },
            new CommandOptions
            {
                Description = $"Delete {name} from Ollama's disk.",
                ConfirmationMessage = $"Delete {name} from Ollama? It frees its disk space; using it again needs a new download.",
                IconName = "Delete",
                UpdateState = WhenRunning,
            });

        return builder;
    }

    private static ResourceCommandState WhenRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    internal static OllamaModelDownloads Downloads(ExecuteCommandContext context) =>
        context.Services.GetRequiredService<OllamaModelDownloads>();

    internal static ILogger Logger(ExecuteCommandContext context, IResource resource) =>
        context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
}
