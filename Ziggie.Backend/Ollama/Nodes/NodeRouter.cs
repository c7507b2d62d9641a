using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OllamaSharp.Models.Exceptions;

namespace Ziggie.Backend.Ollama;

/// <summary>
/// Picks the node for a generate, chat or embed call: one that has the model in memory (<c>/api/ps</c>) and a free
/// slot (<see cref="RoutingOptions.NodeParallel"/>), else one that has it on disk (<c>/api/tags</c>), among equals the
/// one with the fewest calls in flight. Views are asked
/// for in the background when older than <see cref="RoutingOptions.ResidencyRefresh"/> or after a call, so a
/// decision waits for Ollama only when it knows nothing yet, or when no answering node has the model. After a call
/// only the memory is asked (<c>/api/ps</c>): a call loads and evicts models, it does not change the disk. With one
/// node there is nothing to decide: it is always that node, at no cost.
/// </summary>
public sealed class NodeRouter(OllamaNodes nodes, OllamaClient ollama, IOptions<RoutingOptions> options, TimeProvider time, ILogger<NodeRouter> logger)
{
    /// <summary>On every relayed call: the name of the node that answered (the last one tried).</summary>
    public const string HeaderName = "X-Ziggie-Ollama";

    private readonly ConcurrentDictionary<(OllamaNode Node, bool Disk), Task> _probes = new();

    public OllamaNodes Nodes => nodes;

    /// <summary>The node for a call to <paramref name="model"/>, not <paramref name="except"/> (the one a retry leaves); null when no node has it.</summary>
    public async ValueTask<OllamaNode?> ChooseAsync(string model, OllamaNode? except, CancellationToken cancellationToken)
    {
        if (!nodes.Several) return except is null ? nodes.First : null;

        var name = ModelNames.Normalize(model);
        var (refresh, afterCall) = (options.Value.ResidencyRefresh, options.Value.AfterCallRefresh);
        var now = time.GetUtcNow();
        foreach (var node in nodes.All)
        {
            var view = node.View;
            if (view.Known && now - view.CheckedAt < (view.Stale ? afterCall : refresh)) continue;
            var probe = Probe(node, disk: !view.Online || now - view.DiskCheckedAt >= refresh);
            // Knowing nothing of a node yet, the decision would be a guess: wait for its first answer.
            if (!node.View.Known) await probe.WaitAsync(cancellationToken);
        }

        if (Pick(name, except, answeringOnly: true) is { } chosen) return chosen;

        // No answering node has it: the views may be behind (a pull outside Ziggie, a node back up). Ask them all again
        // and decide on what they say; a miss is the rare case (a wrong name, a model on a node that was away), and
        // callers arriving together share each node's probe.
        await Task.WhenAll(nodes.All.Where(n => n != except).Select(n => Probe(n, disk: true))).WaitAsync(cancellationToken);
        return Pick(name, except, answeringOnly: true) ?? Pick(name, except, answeringOnly: false)
            ?? (nodes.All.Any(n => n.View.Online) ? null : nodes.All.FirstOrDefault(n => n != except));
    }

    /// <summary>A call on <paramref name="node"/> ended: when <paramref name="answered"/> it had <paramref name="model"/> in memory; its view is asked for again.</summary>
    public void Ended(OllamaNode node, string model, bool answered)
    {
        if (!nodes.Several) return;
        if (answered) node.NoteLoaded(ModelNames.Normalize(model));
        var view = node.View;
        if (!answered)
        {
            // A pull (or a call that failed) may have changed the disk: the next probe reads it too.
            node.Update(view with { Stale = true, DiskCheckedAt = DateTimeOffset.MinValue });
        }
        else if (!view.Stale)
        {
            // Under load calls end all the time: once stale is enough (and a copy per call could undo a probe's newer view).
            node.Update(view with { Stale = true });
        }
    }

    /// <summary>
    /// <paramref name="model"/> was deleted from <paramref name="node"/>: no call goes there for it from now on. Waiting for
    /// the next look at the node's disk would send calls in between to a node that answers 404 (and a 404 is not retried).
    /// </summary>
    public void Deleted(OllamaNode node, string model)
    {
        if (nodes.Several) node.NoteDeleted(ModelNames.Normalize(model));
    }

    /// <summary>A call found <paramref name="node"/> not answering: out of the rotation until a probe finds it back.</summary>
    public void Failed(OllamaNode node, string reason)
    {
        if (!nodes.Several) return;
        logger.LogWarning("Ollama node {Node} at {Url} left the rotation: {Reason}", node.Name, node.Shown, reason);
        node.MarkDown(reason, time.GetUtcNow());
    }

    /// <summary>Asks every node now (the status page).</summary>
    public Task RefreshAllAsync(CancellationToken cancellationToken) => Task.WhenAll(nodes.All.Select(n => Probe(n, disk: true))).WaitAsync(cancellationToken);

    /// <summary>
    /// Among the nodes that may take the call: a node with the model loaded and a free slot; else one with it on disk and a
    /// free slot (it loads the model once); else, all busy, the one with the fewest calls in flight, loaded first. Among
    /// equals the fewest calls in flight, then the first in order.
    /// </summary>
    private OllamaNode? Pick(string model, OllamaNode? except, bool answeringOnly)
    {
        var slots = options.Value.NodeParallel;
        OllamaNode? loaded = null, has = null, busy = null;
        foreach (var node in nodes.All)
        {
            var view = node.View;
            if (node == except || (answeringOnly && !view.Online)) continue;
            var isLoaded = view.Loaded.Contains(model);
            if (!isLoaded && !view.Has.Contains(model)) continue;
            var inFlight = node.InFlight;
            if (inFlight >= slots)
            {
                // All busy: the shortest queue, and on a tie the node that need not load the model.
                if (busy is null || inFlight < busy.InFlight || (inFlight == busy.InFlight && isLoaded && !busy.View.Loaded.Contains(model))) busy = node;
            }
            else if (isLoaded)
            {
                if (loaded is null || inFlight < loaded.InFlight) loaded = node;
            }
            else if (has is null || inFlight < has.InFlight)
            {
                has = node;
            }
        }

        return loaded ?? has ?? busy;
    }

    /// <summary>
    /// One probe per node and kind at a time: callers arriving while it runs share it. With <paramref name="disk"/> it
    /// reads the disk too (<c>/api/tags</c>), else only the memory (<c>/api/ps</c>). Never throws.
    /// </summary>
    private Task Probe(OllamaNode node, bool disk)
    {
        while (true)
        {
            if (_probes.TryGetValue((node, disk), out var running)) return running;
            var probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_probes.TryAdd((node, disk), probe.Task)) continue;
            _ = RunProbeAsync(node, disk, probe);
            return probe.Task;
        }
    }

    private async Task RunProbeAsync(OllamaNode node, bool disk, TaskCompletionSource done)
    {
        var asked = time.GetUtcNow();
        // Calls ending while the probe runs leave the view stale again; a probe only clears what it has seen.
        node.Update(node.View with { Stale = false });
        using var timeout = new CancellationTokenSource(options.Value.ProbeTimeout);
        try
        {
            // /api/ps first: it is never retried, so a node that refuses connections is known at once.
            var loaded = ToSet((await ollama.ListRunningModelsAsync(node, timeout.Token)).Select(m => m.Name));
            var has = disk ? ToSet((await ollama.ListModelsAsync(node, timeout.Token)).Select(m => m.Name)) : node.View.Has.Union(loaded);
            var wasDown = !node.View.Online;
            node.Update(new NodeView(true, loaded, has, asked, null, node.View.Stale) { DiskCheckedAt = disk ? asked : node.View.DiskCheckedAt });
            if (wasDown && node.View.Known) logger.LogInformation("Ollama node {Node} at {Url} answers again and rejoins the rotation", node.Name, node.Shown);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or OllamaException)
        {
            var reason = ex is OperationCanceledException ? $"no answer within {options.Value.ProbeTimeout.TotalSeconds:0.###} s" : ex.Message;
            if (node.View.Online) logger.LogWarning("Ollama node {Node} at {Url} does not answer its check and leaves the rotation: {Reason}", node.Name, node.Shown, reason);
            node.Update(node.View with { Online = false, Error = reason, CheckedAt = asked });
        }
        finally
        {
            _probes.TryRemove((node, disk), out _);
            done.TrySetResult();
        }
    }

    private static ImmutableHashSet<string> ToSet(IEnumerable<string> names) =>
        names.Select(ModelNames.Normalize).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
}
