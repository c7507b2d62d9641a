using System.Text.RegularExpressions;

namespace Ziggie.AppHost.Deployment;

/// <summary>How names of the application model become names in a compose project.</summary>
internal static partial class ComposeNames
{
    /// <summary>Compose service names are lower case; resources reach each other by these names.</summary>
    public static string Service(string resourceName) => resourceName.ToLowerInvariant();

    /// <summary>The <c>.env</c> variable of a parameter: <c>mongodb-password</c> → <c>MONGODB_PASSWORD</c>.</summary>
    public static string Variable(string parameterName) => NotVariableChar().Replace(parameterName.ToUpperInvariant(), "_");

    /// <summary>The compose project name, which prefixes volumes and networks: <c>Ziggie.AppHost</c> → <c>ziggie</c>.</summary>
    public static string Project(string applicationName)
    {
        var name = applicationName.EndsWith(".AppHost", StringComparison.OrdinalIgnoreCase) ? applicationName[..^".AppHost".Length] : applicationName;
        return NotProjectChar().Replace(name.ToLowerInvariant(), "-").Trim('-');
    }

    /// <summary>
    /// Volume names Aspire generates carry a hash of the AppHost's path (<c>ziggie.apphost-3b016eec57-mongodb-data</c>):
    /// a deployment must not lose its data because the checkout moved, so the export keeps the part after the hash.
    /// </summary>
    public static string Volume(string name, string generatedPrefix) =>
        name.StartsWith(generatedPrefix, StringComparison.Ordinal) ? name[generatedPrefix.Length..] : name;

    /// <summary>The prefix <c>VolumeNameGenerator</c> puts before the resource name: sanitized application name and hash.</summary>
    public static string GeneratedVolumePrefix(string applicationName, string? appHostSha256) =>
        $"{NotVolumeChar().Replace(applicationName, "_").ToLowerInvariant()}-{(appHostSha256 ?? "")[..Math.Min(10, appHostSha256?.Length ?? 0)].ToLowerInvariant()}-";

    /// <summary>Compose reads <c>$</c> as the start of a variable; a literal one is written <c>$$</c>.</summary>
    public static string Literal(string value) => value.Replace("$", "$$", StringComparison.Ordinal);

    [GeneratedRegex("[^A-Z0-9_]")]
    private static partial Regex NotVariableChar();

    [GeneratedRegex("[^a-z0-9_-]+")]
    private static partial Regex NotProjectChar();

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex NotVolumeChar();
}
