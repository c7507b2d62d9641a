using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Ollama;

/// <summary>
/// The Ollama servers this backend routes to, in order: <c>ConnectionStrings:ollama</c> (required, node
/// <c>ollama</c>), then <c>ConnectionStrings:ollama-1</c>, <c>ollama-2</c>, … as the AppHost names its
/// resources, up to the first number that is not set. One node is today's single Ollama.
/// </summary>
public sealed class OllamaNodes
{
    public const string FirstName = "ollama";

    /// <summary>More than this many nodes is a configuration mistake, not a cluster (and it keeps the search bounded).</summary>
    public const int MaxNodes = 64;

    public OllamaNodes(IReadOnlyList<OllamaNode> all)
    {
        ArgumentOutOfRangeException.ThrowIfZero(all.Count);
        All = all;
        First = all[0];
    }

    public IReadOnlyList<OllamaNode> All { get; }

    /// <summary>Node 0: the one <c>ConnectionStrings:ollama</c> names.</summary>
    public OllamaNode First { get; }

    public bool Several => All.Count > 1;

    public OllamaNode? Find(string name) => All.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The configuration key of the <paramref name="index"/>th node: <c>ConnectionStrings:ollama</c>, <c>ConnectionStrings:ollama-1</c>, ….</summary>
    public static string KeyOf(int index) => $"ConnectionStrings:{NameOf(index)}";

    public static string NameOf(int index) => index == 0 ? FirstName : $"{FirstName}-{index}";

    /// <summary>Every node's connection string, checked; the first problem as a sentence naming its key.</summary>
    public static bool TryRead(IConfiguration configuration, out OllamaNodes nodes, out string error)
    {
        nodes = null!;
        var all = new List<OllamaNode>();
        for (var index = 0; index < MaxNodes && configuration[KeyOf(index)] is { Length: > 0 } value; index++)
        {
            if (!OllamaConnection.TryRead(value, out var connection, out var problem))
            {
                error = $"{KeyOf(index)}: {problem}";
                return false;
            }

            all.Add(new OllamaNode(NameOf(index), connection));
        }

        if (all.Count == 0)
        {
            error = $"{RequiredConfiguration.OllamaKey} is not set";
            return false;
        }

        var twice = all.GroupBy(n => n.Connection.Endpoint).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            error = $"{string.Join(" and ", twice.Select(n => $"ConnectionStrings:{n.Name}"))} name the same Ollama ({twice.First().Shown}); each node once";
            return false;
        }

        nodes = new OllamaNodes(all);
        error = "";
        return true;
    }

    public static OllamaNodes Read(IConfiguration configuration) =>
        TryRead(configuration, out var nodes, out var error) ? nodes : throw new InvalidOperationException(error);
}
