using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Ollama;

/// <summary>
/// One Ollama server behind the backend: its name (the AppHost resource's, e.g. <c>ollama</c>, <c>ollama-1</c>),
/// its endpoint, the calls it is answering now, and the last view of its models (<see cref="NodeView"/>).
/// Shared by every request; every field is read and written without a lock.
/// </summary>
public sealed class OllamaNode(string name, OllamaConnection connection)
{
    private int _inFlight;
    private NodeView _view = NodeView.Unknown;
    private RouteUri? _lastRoute;

    public string Name { get; } = name;
    public OllamaConnection Connection { get; } = connection;

    /// <summary>The endpoint as people and logs see it.</summary>
    public string Shown => Connection.Shown;

    /// <summary>Generate, chat, embed and pull calls this backend has open on the node now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public NodeView View => Volatile.Read(ref _view);

    /// <summary>Counts a call as in flight until the returned value is disposed.</summary>
    public InFlightCall Enter()
    {
        Interlocked.Increment(ref _inFlight);
        return new InFlightCall(this);
    }

    /// <summary>The absolute URI of one of Ollama's routes on this node (the last one is kept: the hot path asks for one route again and again).</summary>
    public Uri UriFor(string path)
    {
        if (Volatile.Read(ref _lastRoute) is { } last && ReferenceEquals(last.Path, path)) return last.Uri;
        var uri = new Uri(Connection.Endpoint, path);
        Volatile.Write(ref _lastRoute, new RouteUri(path, uri));
        return uri;
    }

    internal void Update(NodeView view) => Volatile.Write(ref _view, view);

    /// <summary>A call could not reach the node: it leaves the rotation until a probe finds it answering again.</summary>
    internal void MarkDown(string reason, DateTimeOffset now) => Update(View with { Online = false, Error = reason, CheckedAt = now });

    /// <summary>A call for <paramref name="model"/> just ran here, so Ollama has it in memory now, before the next <c>/api/ps</c> says so.</summary>
    internal void NoteLoaded(string model)
    {
        var view = View;
        if (view.Loaded.Contains(model)) return;
        Update(view with { Loaded = view.Loaded.Add(model), Has = view.Has.Add(model) });
    }

    internal void NoteDeleted(string model)
    {
        var view = View;
        if (!view.Loaded.Contains(model) && !view.Has.Contains(model)) return;
        Update(view with { Loaded = view.Loaded.Remove(model), Has = view.Has.Remove(model) });
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    public override string ToString() => $"{Name} ({Shown})";

    private sealed record RouteUri(string Path, Uri Uri);
}

/// <summary>One call in flight on a node; disposing it ends the count.</summary>
public readonly struct InFlightCall(OllamaNode node) : IDisposable
{
    public OllamaNode Node { get; } = node;

    public void Dispose() => Node?.Leave();
}
