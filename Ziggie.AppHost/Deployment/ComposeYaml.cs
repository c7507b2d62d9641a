using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Ziggie.AppHost.Deployment;

/// <summary>
/// Writes the compose document. Strings are quoted unless they are plainly words: YAML 1.1 readers (docker-compose v1)
/// take <c>54112:8080</c> for a number and <c>yes</c> for a boolean.
/// </summary>
internal static partial class ComposeYaml
{
    public static string Write(OrderedDictionary<string, object?> document, IEnumerable<string> headerComments)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        foreach (var line in headerComments) writer.WriteLine($"# {line}".TrimEnd());

        new YamlStream(new YamlDocument(Node(document))).Save(writer, assignAnchors: false);
        // YamlStream closes every document with an explicit end marker that compose files do not carry.
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^"...\n".Length] : text;
    }

    private static YamlNode Node(object? value) => value switch
    {
        null => new YamlMappingNode { Style = MappingStyle.Flow },
        string text => Scalar(text),
        int number => new YamlScalarNode(number.ToString(CultureInfo.InvariantCulture)),
        bool flag => new YamlScalarNode(flag ? "true" : "false"),
        IDictionary<string, object?> map => map.Count == 0
            ? new YamlMappingNode { Style = MappingStyle.Flow }
            : new YamlMappingNode(map.Select(pair => KeyValuePair.Create<YamlNode, YamlNode>(Scalar(pair.Key), Node(pair.Value)))),
        IEnumerable list => new YamlSequenceNode(list.Cast<object?>().Select(Node)),
        _ => throw new ArgumentException($"No YAML form for {value.GetType().Name}", nameof(value)),
    };

    private static YamlScalarNode Scalar(string text) =>
        new(text) { Style = PlainWord().IsMatch(text) && !YamlKeyword().IsMatch(text) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };

    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainWord();

    [GeneratedRegex(@"^(y|n|yes|no|on|off|true|false|null)$", RegexOptions.IgnoreCase)]
    private static partial Regex YamlKeyword();
}
