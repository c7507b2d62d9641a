namespace Ziggie.Testing.Ollama;

// The fake's model store: what is "downloaded" locally, and the library that /api/pull can fetch from.
public sealed partial class FakeOllama
{
    /// <summary>The local models, newest first, as <c>/api/tags</c> lists them.</summary>
    public IReadOnlyList<FakeModel> Models => LocalModels.All();

    /// <summary>The models a pull can download; a name missing here fails the pull as Ollama's registry would.</summary>
    public IReadOnlyList<FakeModel> LibraryModels => Library.All();

    /// <summary>Adds (or replaces) a local model; a name without a tag gets <c>:latest</c>.</summary>
    public FakeModel AddModel(string name, long size = 2_019_393_189) => LocalModels.Put(new FakeModel(name, size));

    public FakeModel AddModel(FakeModel model) => LocalModels.Put(model);

    public bool RemoveModel(string name)
    {
        Loaded.Unload(name);
        return LocalModels.Remove(name);
    }

    public bool HasModel(string name) => LocalModels.Find(name) is not null;

    /// <summary>
    /// Puts a local model in memory, as a call for it would: <c>/api/ps</c> lists it from now on.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not local (Ollama cannot load what it does not have).</exception>
    public void LoadModel(string name) =>
        Loaded.Load(LocalModels.Find(name) ?? throw new InvalidOperationException($"The fake has no local model '{name}' to load; AddModel it first."));

    /// <summary>The models <c>/api/ps</c> lists now.</summary>
    public IReadOnlyList<string> LoadedModels => [.. Loaded.All().Select(l => l.Model.Name)];

    /// <summary>Makes a model pullable; <paramref name="totalBytes"/> is what the pull progress counts up to.</summary>
    public FakeModel AddToLibrary(string name, long totalBytes) => Library.Put(new FakeModel(name, totalBytes));

    public FakeModel AddToLibrary(FakeModel model) => Library.Put(model);

    public bool RemoveFromLibrary(string name) => Library.Remove(name);
}
