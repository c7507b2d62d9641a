namespace Ziggie.Tests.Infrastructure;

/// <summary>Where the built projects are, found from the test's own output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, whichever built these tests.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string BackendDll => Path.Combine(Root, "Ziggie.Backend", "bin", Configuration, "net10.0", "Ziggie.Backend.dll");

    public static string BackendProject => Path.Combine(Root, "Ziggie.Backend", "Ziggie.Backend.csproj");

    public static string AppHostDll => Path.Combine(Root, "Ziggie.AppHost", "bin", Configuration, "net10.0", "Ziggie.AppHost.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ziggie.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No Ziggie.sln above {AppContext.BaseDirectory}");
    }
}
