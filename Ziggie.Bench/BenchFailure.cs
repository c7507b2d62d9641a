namespace Ziggie.Bench;

/// <summary>The benchmark could not measure what it set out to: a server failed or answered wrongly. Exit code 1.</summary>
public sealed class BenchFailure(string message) : Exception(message);
