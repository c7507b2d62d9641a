using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Ollama;

/// <summary>
/// The real backend in front of several fake Ollama nodes: node 0 (<c>ollama</c>) is the <see cref="TestBackend"/>'s own
/// fake, the others come in as <c>ConnectionStrings:ollama-1</c>, <c>ollama-2</c>, … as the AppHost injects them.
/// </summary>
public sealed class SeveralNodes : IAsyncDisposable
{
    private SeveralNodes(TestBackend backend, IReadOnlyList<FakeOllama> nodes) => (Backend, Nodes) = (backend, nodes);

    public TestBackend Backend { get; }
    public IReadOnlyList<FakeOllama> Nodes { get; }

    public static async Task<SeveralNodes> StartAsync(int count, params (string Key, string Value)[] settings)
    {
        var others = new List<FakeOllama>();
        for (var i = 1; i < count; i++) others.Add(await FakeOllama.StartAsync(TestContext.Current.CancellationToken));
        var connections = others.Select((fake, i) => ($"ConnectionStrings:ollama-{i + 1}", $"Endpoint={fake.BaseAddress}"));
        var backend = await TestBackend.StartAsync([.. connections, .. settings]);
        return new SeveralNodes(backend, [backend.Ollama, .. others]);
    }

    public async ValueTask DisposeAsync()
    {
        await Backend.DisposeAsync();
        foreach (var node in Nodes.Skip(1)) await node.DisposeAsync();
    }
}
