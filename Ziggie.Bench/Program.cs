using Ziggie.Bench.Servers;

namespace Ziggie.Bench;

// Not top-level statements: the backend's Program (top-level) is the type WebApplicationFactory starts.
internal static class BenchProgram
{
    /// <summary>
    /// One executable, two jobs. Without --serve it drives the benchmark. With --serve it is one of the servers
    /// the benchmark starts as its own child process (the fake Ollama, YARP or the Ziggie backend), so that each
    /// server's memory, allocations and CPU time are its own and not the load generator's.
    /// </summary>
    private static async Task<int> Main(string[] args) => args is ["--serve", var role, .. var settings]
        ? await ServerRole.RunAsync(role, settings)
        : await BenchRun.RunAsync(BenchOptions.Parse(args));
}
