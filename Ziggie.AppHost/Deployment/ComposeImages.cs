using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// Where a service's image comes from: a pinned image of the model, or a <c>build:</c> section for a project or a
/// container that declares a Dockerfile. Paths are relative to the folder the compose file is written to.
/// </summary>
internal static class ComposeImages
{
    /// <summary>Adds <c>image</c> or <c>build</c> to <paramref name="service"/>; returns the Dockerfile, if one is built.</summary>
    public static async Task<string?> AddAsync(
        OrderedDictionary<string, object?> service, IResource resource, ComposeExpressions expressions, string outputDirectory,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        if (resource is ProjectResource project)
        {
            var projectDirectory = Path.GetDirectoryName(project.GetProjectMetadata().ProjectPath)!;
            var dockerfile = Path.Combine(projectDirectory, "Dockerfile");
            if (!File.Exists(dockerfile))
            {
                throw new DistributedApplicationException(
                    $"Project '{resource.Name}' has no Dockerfile at {dockerfile}. Add one (Ziggie.Backend/Dockerfile shows the pattern) so the compose export can build its image.");
            }

            service["build"] = Build(RepositoryRoot(projectDirectory), dockerfile, stage: null, outputDirectory);
            return dockerfile;
        }

        if (resource.TryGetLastAnnotation<DockerfileBuildAnnotation>(out var annotation))
        {
            var dockerfile = annotation.DockerfilePath;
            if (annotation.DockerfileFactory is not null)
            {
                // A Dockerfile the AppHost writes in code: materialize it next to the compose file.
                dockerfile = Path.Combine(outputDirectory, $"{resource.Name}.Dockerfile");
                var context = new DockerfileFactoryContext { Services = services, Resource = resource, CancellationToken = cancellationToken };
                await annotation.EmitDockerfileArtifactsAsync(context, dockerfile);
            }

            var build = Build(annotation.ContextPath, dockerfile, annotation.Stage, outputDirectory);
            var arguments = annotation.BuildArguments
                .Select(a => (a.Key, Value: a.Value is bool flag ? (flag ? "true" : "false") : expressions.Evaluate(a.Value, ComposeNames.Service(resource.Name))))
                .Where(a => a.Value is not null)
                .ToList();
            if (arguments.Count > 0) build["args"] = new OrderedDictionary<string, object?>(arguments.Select(a => KeyValuePair.Create(a.Key, (object?)a.Value)));

            service["build"] = build;
            return dockerfile;
        }

        if (resource is ContainerResource container && container.TryGetContainerImageName(out var image))
        {
            service["image"] = image;
            return null;
        }

        throw new DistributedApplicationException($"Resource '{resource.Name}' has neither an image nor a Dockerfile; compose cannot run it.");
    }

    private static OrderedDictionary<string, object?> Build(string context, string dockerfile, string? stage, string outputDirectory)
    {
        var build = new OrderedDictionary<string, object?>
        {
            ["context"] = Relative(outputDirectory, context),
            ["dockerfile"] = Relative(context, dockerfile),
        };
        if (stage is not null) build["target"] = stage;
        return build;
    }

    /// <summary>
    /// A project's build context is the repository root: its Dockerfile needs the shared projects and the
    /// Directory.*.props files beside the project's own folder. The root is where global.json or the solution is.
    /// </summary>
    private static string RepositoryRoot(string projectDirectory)
    {
        for (var directory = new DirectoryInfo(projectDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "global.json")) || directory.EnumerateFiles("*.sln*").Any())
            {
                return directory.FullName;
            }
        }

        return projectDirectory;
    }

    private static string Relative(string from, string to) => Path.GetRelativePath(from, to).Replace('\\', '/');
}
