namespace Ziggie.Testing.Ollama;

// Brief failures: Ollama answering "server busy" to a few requests and then serving normally again, which is
// what a client's retries are for. Unlike FailStatus these are used up, one per request.
public sealed partial class FakeOllama
{
    private readonly Lock _failuresLock = new();
    private readonly Dictionary<string, (int Remaining, int Status)> _briefFailures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The next <paramref name="times"/> requests to <paramref name="path"/> (e.g. <c>/api/tags</c>) answer
    /// <paramref name="status"/> with Ollama's error body before doing anything; later ones are served normally.
    /// </summary>
    public void FailNext(string path, int times = 1, int status = 503)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_failuresLock) _briefFailures[path] = (times, status);
    }

    internal int? TakeBriefFailure(string path)
    {
        lock (_failuresLock)
        {
            if (!_briefFailures.TryGetValue(path, out var failure)) return null;
            if (failure.Remaining == 1) _briefFailures.Remove(path);
            else _briefFailures[path] = failure with { Remaining = failure.Remaining - 1 };
            return failure.Status;
        }
    }
}
