using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>The model's container mounts as compose volumes: named volumes stay named, bind mounts stay relative.</summary>
internal static class ComposeVolumes
{
    /// <summary>The <c>volumes</c> entries of one service.</summary>
    public static List<object?> Mounts(IResource resource, ComposeExportOptions options, string outputDirectory) =>
        resource.Annotations.OfType<ContainerMountAnnotation>()
            .Select(mount => (object?)(Source(mount, options, outputDirectory) is { } source
                ? $"{source}:{mount.Target}{(mount.IsReadOnly ? ":ro" : "")}"
                : mount.Target))
            .ToList();

    /// <summary>The named volumes of the whole model, declared once at the top level of the compose file.</summary>
    public static IEnumerable<string> Named(IEnumerable<IResource> resources, ComposeExportOptions options) =>
        resources.SelectMany(r => r.Annotations.OfType<ContainerMountAnnotation>())
            .Where(m => m.Type == ContainerMountType.Volume && m.Source is not null)
            .Select(m => ComposeNames.Volume(m.Source!, options.GeneratedVolumePrefix))
            .Distinct();

    /// <summary>
    /// The top-level declarations, each with a fixed name (<c>ziggie-mongodb-data</c>): the data does not move when the
    /// compose folder is renamed, and backups can name the volume.
    /// </summary>
    public static OrderedDictionary<string, object?> Declarations(IEnumerable<string> volumes, ComposeExportOptions options) =>
        new(volumes.Select(volume => KeyValuePair.Create(volume, (object?)new OrderedDictionary<string, object?>
        {
            ["name"] = $"{options.ProjectName}-{volume}",
        })));

    private static string? Source(ContainerMountAnnotation mount, ComposeExportOptions options, string outputDirectory) => mount switch
    {
        { Source: null } => null,
        { Type: ContainerMountType.Volume } => ComposeNames.Volume(mount.Source, options.GeneratedVolumePrefix),
        // Compose resolves a relative bind source against the compose file's folder.
        _ => Path.GetRelativePath(outputDirectory, mount.Source) is var relative && relative.StartsWith('.') ? relative : "./" + relative,
    };
}
