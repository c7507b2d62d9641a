using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.Ollama;

/// <summary>How the backend keeps its view of several Ollama nodes (<c>Ziggie:Routing</c>); unused with one node.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Ziggie:Routing";

    /// <summary>
    /// How old a node's view (<c>/api/ps</c>, <c>/api/tags</c>) may be before a routing decision asks again, in the
    /// background; a node out of the rotation is probed again after this long. A decision that finds no answering node
    /// with the model asks every node at once, whatever this says.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ResidencyRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How soon after a call a node's view is asked for again. A call ending marks the view stale, and under load calls end
    /// all the time: this keeps it to one question per node per period instead of one per call.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan AfterCallRefresh { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How many generations one node runs at once: its <c>OLLAMA_NUM_PARALLEL</c> (Ollama's default is 1). A node with the
    /// model loaded is preferred only while it has a free slot; when every such node is busy, a node that has the model on
    /// disk and a free slot takes the call (one model load there, and from then on it has the model loaded too), instead of
    /// queueing every call on the node that loaded it first.
    /// </summary>
    [Range(1, 4096)]
    public int NodeParallel { get; set; } = 1;

    /// <summary>How long one probe of a node may take before the node counts as not answering.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
