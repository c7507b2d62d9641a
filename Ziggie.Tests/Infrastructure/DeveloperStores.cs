using System.Security.Cryptography;

[assembly: AssemblyFixture(typeof(Ziggie.Tests.Infrastructure.DeveloperStores))]

namespace Ziggie.Tests.Infrastructure;

/// <summary>
/// The developer's own AppHost stores, which <c>dotnet test</c> must leave byte for byte as they were: the user
/// secrets of <c>ziggie-apphost</c> (Aspire writes generated parameters and dashboard keys there) and the Aspire home
/// <c>~/.aspire</c> (deployment state under <c>deployments/</c>, written by publish runs of any AppHost, including the
/// models a test builds in-process; and the socket every running AppHost opens under <c>cli/bch/</c>, where it also
/// deletes the sockets that crashed runs of the same AppHost left). Before any test runs, this points the test
/// process's <c>APPDATA</c> (user secrets prefer it to the home folder on every OS), <c>ASPIRE_HOME</c> (deployment
/// state honours it) and <c>HOME</c> (everything else of Aspire's on Linux and macOS), and so those of every AppHost it
/// starts in-process or as a child, at temporary folders. After the last test it compares the stores with the
/// snapshot and fails the run, naming what changed. <c>~/.aspire/dashboard</c> and the sockets themselves are not
/// compared: a developer's own AppHost, running beside the tests, writes its run history and keeps its socket there.
/// </summary>
public sealed class DeveloperStores : IDisposable
{
    private const string UserSecretsId = "ziggie-apphost";

    private static readonly string Root = Directory.CreateTempSubdirectory("ziggie-test-stores-").FullName;

    private static readonly string[] LiveRunState =
        ["dashboard" + Path.DirectorySeparatorChar, Path.Combine("cli", "bch") + Path.DirectorySeparatorChar];

    private static readonly string[] Redirected = ["APPDATA", "ASPIRE_HOME", "HOME"];

    private readonly Dictionary<string, string?> _before = Redirected.ToDictionary(name => name, Environment.GetEnvironmentVariable);
    private readonly string _secretsFile;
    private readonly string _aspireFolder;
    private readonly byte[]? _secretsBefore;
    private readonly string[] _aspireBefore;

    public DeveloperStores()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        _secretsFile = SecretsFile(_before["APPDATA"], home);
        _aspireFolder = _before["ASPIRE_HOME"] is { Length: > 0 } own ? own : Path.Combine(home, ".aspire");
        _secretsBefore = Hash(_secretsFile);
        _aspireBefore = Listing(_aspireFolder);
        Environment.SetEnvironmentVariable("APPDATA", AppData);
        Environment.SetEnvironmentVariable("ASPIRE_HOME", Path.Combine(TestHome, ".aspire"));
        if (!OperatingSystem.IsWindows()) Environment.SetEnvironmentVariable("HOME", TestHome);
    }

    /// <summary>The temporary APPDATA every AppHost of this run keeps its user secrets in.</summary>
    private static string AppData { get; } = Directory.CreateDirectory(Path.Combine(Root, "appdata")).FullName;

    /// <summary>The temporary home folder of the test process and of every AppHost it starts (children inherit it).</summary>
    private static string TestHome { get; } = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;

    /// <summary>Where Microsoft.Extensions.Configuration.UserSecrets looks: APPDATA when set, else the home folder.</summary>
    private static string SecretsFile(string? appData, string home) =>
        string.IsNullOrEmpty(appData)
            ? Path.Combine(home, ".microsoft", "usersecrets", UserSecretsId, "secrets.json")
            : Path.Combine(appData, "Microsoft", "UserSecrets", UserSecretsId, "secrets.json");

    public void Dispose()
    {
        foreach (var (name, value) in _before) Environment.SetEnvironmentVariable(name, value);
        var changes = new List<string>();
        if (!Equals(_secretsBefore, Hash(_secretsFile)))
        {
            changes.Add($"{_secretsFile} {(_secretsBefore is null ? "was created" : "changed")}");
        }

        var aspireAfter = Listing(_aspireFolder);
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
                ". Give AppHosts explicit Parameters:*, and keep APPDATA, ASPIRE_HOME and HOME as this fixture sets them (children inherit them).");
        }
    }

    private static bool Equals(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static byte[]? Hash(string file) => File.Exists(file) ? SHA256.HashData(File.ReadAllBytes(file)) : null;

    /// <summary>
    /// Files and folders under <paramref name="folder"/>, each file with its size and time, but for the run history and
    /// the sockets of running AppHosts (<c>dashboard/</c>, <c>cli/bch/</c>), which change while the developer's own
    /// AppHost runs.
    /// </summary>
    private static string[] Listing(string folder) =>
        !Directory.Exists(folder)
            ? []
            : [.. new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
                .Select(info => (info, path: Path.GetRelativePath(folder, info.FullName)))
                .Where(e => !LiveRunState.Any(live => e.path.StartsWith(live, StringComparison.Ordinal)))
                .Select(e => e.path + (e.info is FileInfo file ? $" ({file.Length} bytes, {file.LastWriteTimeUtc:O})" : "/"))
                .Order(StringComparer.Ordinal)];
}
