using System.Security.Cryptography;

[assembly: AssemblyFixture(typeof(Ziggie.Tests.Infrastructure.DeveloperStores))]

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// The developer's own AppHost stores, which <c>dotnet test</c> must leave byte for byte as they were: the user
/// secrets of <c>ziggie-apphost</c> (Aspire writes generated parameters and dashboard keys there) and this checkout's
/// deployment state under <c>~/.aspire/deployments</c> (written by publish runs; the dashboard's run history in
/// ~/.aspire/dashboard is not checked, since every AppHost on the machine writes there). Before any test runs, this points <c>APPDATA</c> of the test process, and so
/// of the AppHosts it starts in-process and as children, at a temporary folder, which user secrets prefer to the
/// home folder on every OS; children also get a temporary <c>HOME</c> (<see cref="ChildEnvironment"/>), since
/// Aspire keeps deployment state under the user profile whatever ASPIRE_HOME says. After the last test it
/// compares the stores with the snapshot and fails the run, naming what changed.
/// </summary>
public sealed class DeveloperStores : IDisposable
{
    private const string UserSecretsId = "ziggie-apphost";

    private static readonly string Root = Directory.CreateTempSubdirectory("ziggie-test-stores-").FullName;

    private readonly string _secretsFile;
    private readonly string _aspireFolder;
    private readonly byte[]? _secretsBefore;
    private readonly string[] _aspireBefore;
    private readonly bool _aspireExisted;

    public DeveloperStores()
    {
        _secretsFile = SecretsFile(Environment.GetEnvironmentVariable("APPDATA"), Home);
        // Only this checkout's deployment state: every checkout shares ~/.aspire, and others' runs may write there meanwhile.
        _aspireFolder = Path.Combine(Home, ".aspire", "deployments", OwnDeploymentStateFolder);
        _secretsBefore = Hash(_secretsFile);
        _aspireBefore = Listing(_aspireFolder);
        _aspireExisted = Directory.Exists(_aspireFolder);
        Environment.SetEnvironmentVariable("APPDATA", AppData);
    }

    /// <summary>The temporary APPDATA every AppHost of this run keeps its user secrets in.</summary>
    public static string AppData { get; } = Directory.CreateDirectory(Path.Combine(Root, "appdata")).FullName;

    /// <summary>The temporary home folder of the AppHosts this run starts as child processes.</summary>
    public static string ChildHome { get; } = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;

    /// <summary>What a child AppHost needs so that it writes to neither of the developer's stores.</summary>
    public static IEnumerable<(string Name, string Value)> ChildEnvironment =>
        [("APPDATA", AppData), ("HOME", ChildHome), ("USERPROFILE", ChildHome)];

    private static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Aspire names an AppHost's deployment state folder by the SHA-256 of its lower-cased project path.</summary>
    private static string OwnDeploymentStateFolder =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            Path.Combine(RepositoryPaths.Root, "Ziggie.AppHost", "Ziggie.AppHost.csproj").ToLowerInvariant())));

    /// <summary>Where Microsoft.Extensions.Configuration.UserSecrets looks: APPDATA when set, else the home folder.</summary>
    public static string SecretsFile(string? appData, string home) =>
        string.IsNullOrEmpty(appData)
            ? Path.Combine(home, ".microsoft", "usersecrets", UserSecretsId, "secrets.json")
            : Path.Combine(appData, "Microsoft", "UserSecrets", UserSecretsId, "secrets.json");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("APPDATA", null);
        var changes = new List<string>();
        if (!Equals(_secretsBefore, Hash(_secretsFile)))
        {
            changes.Add($"{_secretsFile} {(_secretsBefore is null ? "was created" : "changed")}");
        }

        var aspireAfter = Listing(_aspireFolder);
        if (Directory.Exists(_aspireFolder) != _aspireExisted) changes.Add($"{_aspireFolder} {(_aspireExisted ? "disappeared" : "appeared")}");
        changes.AddRange(aspireAfter.Except(_aspireBefore).Select(p => $"{Path.Combine(_aspireFolder, p)} appeared"));
        changes.AddRange(_aspireBefore.Except(aspireAfter).Select(p => $"{Path.Combine(_aspireFolder, p)} disappeared"));
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child still closing can hold a file for a moment; the folder is a temporary one.
        }

        if (changes.Count > 0)
        {
            throw new InvalidOperationException(
                "The tests changed the developer's AppHost stores, which they must leave as they were: " + string.Join("; ", changes) +
                ". Start AppHosts with DeveloperStores.ChildEnvironment (child processes) and explicit Parameters:* (in-process).");
        }
    }

    private static bool Equals(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static byte[]? Hash(string file) => File.Exists(file) ? SHA256.HashData(File.ReadAllBytes(file)) : null;

    /// <summary>
    /// Files and folders under <paramref name="folder"/>, each file with its size and time (sockets under cli/bch, kept
    /// by running AppHosts while they run, aside, should the folder checked ever widen).
    /// </summary>
    private static string[] Listing(string folder) =>
        !Directory.Exists(folder)
            ? []
            : [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
                .Select(info => (info, path: Path.GetRelativePath(folder, info.FullName)))
                .Where(e => !e.path.StartsWith(Path.Combine("cli", "bch") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(e => e.path + (e.info is FileInfo file ? $" ({file.Length} bytes, {file.LastWriteTimeUtc:O})" : "/"))
                .Order(StringComparer.Ordinal)];
}
