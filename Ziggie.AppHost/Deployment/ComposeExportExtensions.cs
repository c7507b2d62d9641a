#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004 // The pipeline step API is experimental in Aspire 13.

using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// The compose export as a step of Aspire's publish pipeline. The official compose publisher
/// (Aspire.Hosting.Docker) is not available to Ziggie, and it writes no health checks or restart policies.
/// </summary>
public static class ComposeExportExtensions
{
    /// <summary>The name of the pipeline step: <c>--operation publish --step publish-compose</c>.</summary>
    public const string StepName = "publish-compose";

    /// <summary>
    /// Adds the <c>publish-compose</c> step, which writes <c>docker-compose.yaml</c>, <c>.env.example</c> and, when
    /// missing, <c>.env</c> with generated secrets to the publish output folder (<c>--output-path</c>).
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    public static IDistributedApplicationBuilder AddComposeExport(this IDistributedApplicationBuilder builder)
    {
        var options = ComposeExportOptions.From(builder);
        builder.Pipeline.AddStep(StepName, async context =>
        {
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            Directory.CreateDirectory(output);

            var export = await ComposeExporter.ExportAsync(context.Model, context.ExecutionContext, options, output, context.CancellationToken);
            var composeFile = Path.Combine(output, ComposeExporter.ComposeFileName);
            await File.WriteAllTextAsync(composeFile, export.Yaml, context.CancellationToken);
            await File.WriteAllTextAsync(
                Path.Combine(output, ComposeEnvironmentFiles.ExampleFileName), ComposeEnvironmentFiles.Example(export.Parameters), context.CancellationToken);
            var written = await ComposeEnvironmentFiles.WriteAsync(
                Path.Combine(output, ComposeEnvironmentFiles.FileName), export.Parameters, context.CancellationToken);

            foreach (var warning in export.Warnings) context.Logger.LogWarning("{Warning}", warning);
            foreach (var note in export.Notes) context.Logger.LogInformation("{Note}", note);
            context.Logger.LogInformation(
                "Wrote {ComposeFile} and {Example}; {EnvFile}: {Written}", composeFile, ComposeEnvironmentFiles.ExampleFileName, ComposeEnvironmentFiles.FileName,
                written.Count == 0 ? "kept as it was" : "added " + string.Join(", ", written));
            context.Summary.Add("Compose file", composeFile);
        }, requiredBy: WellKnownPipelineSteps.Publish);

        return builder;
    }
}
