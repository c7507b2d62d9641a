using System.Globalization;
using Ziggie.Testing.Ollama;

namespace Ziggie.Bench.Servers;

/// <summary>The tests' fake Ollama, standing in for Ollama itself; every target talks to the same one.</summary>
public sealed class FakeOllamaServer(FakeOllama fake) : IBenchServer
{
    public Uri Url => fake.BaseAddress;

    public static async Task<IBenchServer> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var fake = await FakeOllama.StartAsync();
        fake.TokenCount = Number(settings, "tokens");
        fake.TokenDelay = TimeSpan.FromMilliseconds(Number(settings, "token-delay-ms"));
        fake.FirstTokenDelay = TimeSpan.FromMilliseconds(Number(settings, "first-token-delay-ms"));
        // The several-nodes run: a node's capacity, and the models it has on disk and in memory.
        if (settings.TryGetValue("parallel", out var parallel)) fake.Parallel = int.Parse(parallel, CultureInfo.InvariantCulture);
        fake.DecodeInSteps = settings.ContainsKey("decode-in-steps");
        foreach (var model in List(settings, "models")) fake.AddModel(model);
        foreach (var model in List(settings, "load")) fake.LoadModel(fake.AddModel(model).Name);
        return new FakeOllamaServer(fake);
    }

    private static string[] List(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];

    private static int Number(IReadOnlyDictionary<string, string> settings, string key) => int.Parse(settings[key], CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => fake.DisposeAsync();
}
