using YamlDotNet.Serialization;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Deployment;

/// <summary>
/// The compose export run the way docs/deployment.md says, by the built AppHost into a fresh folder, and read
/// back with YamlDotNet.
/// </summary>
public sealed class ExportedCompose : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private ExportedCompose(DirectoryInfo folder) => Folder = folder;

    public DirectoryInfo Folder { get; }
    public string ComposePath => Path.Combine(Folder.FullName, "docker-compose.yaml");
    public string EnvPath => Path.Combine(Folder.FullName, ".env");
    public string EnvExamplePath => Path.Combine(Folder.FullName, ".env.example");

    /// <summary>What the last export printed.</summary>
    public string Log { get; private set; } = "";

    /// <param name="configuration">AppHost settings as <c>Key=Value</c> arguments, e.g. <c>Ziggie:Ollama:Gpu=nvidia</c>.</param>
    public static async Task<ExportedCompose> ExportAsync(params string[] configuration)
    {
        var export = new ExportedCompose(Directory.CreateTempSubdirectory("ziggie-compose-"));
        await export.ExportAgainAsync(configuration);
        return export;
    }

    public async Task ExportAgainAsync(params string[] configuration)
    {
        var (exitCode, log) = await DotnetProcess.RunAsync(
            RepositoryPaths.AppHostDll,
            ["--operation", "publish", "--step", "publish-compose", "--output-path", Folder.FullName, .. configuration],
            [],
            Timeout);
        Assert.True(exitCode == 0, log);
        Log = log;
    }

    public async Task<Dictionary<object, object>> ReadComposeAsync() =>
        new Deserializer().Deserialize<Dictionary<object, object>>(await File.ReadAllTextAsync(ComposePath, TestContext.Current.CancellationToken));

    public void Dispose() => Folder.Delete(recursive: true);
}

/// <summary>Navigation in the untyped YAML YamlDotNet returns.</summary>
public static class Yaml
{
    public static Dictionary<object, object> Map(this object? node, string key)
    {
        var map = Assert.IsType<Dictionary<object, object>>(node);
        Assert.True(map.ContainsKey(key), $"No '{key}' in {{ {string.Join(", ", map.Keys)} }}");
        return Assert.IsType<Dictionary<object, object>>(map[key]);
    }

    public static string Text(this Dictionary<object, object> map, string key) => Assert.IsType<string>(map[key]);

    public static List<string> Strings(this Dictionary<object, object> map, string key) =>
        Assert.IsType<List<object>>(map[key]).Select(item => Assert.IsType<string>(item)).ToList();

    public static Dictionary<object, object> Service(this Dictionary<object, object> compose, string name) => compose.Map("services").Map(name);
}
