namespace Ziggie.Testing.Ollama;

/// <summary>
/// One clock for every generation a fake runs, when <see cref="FakeOllama.DecodeInSteps"/> is on: Ollama decodes its
/// parallel slots as one batch, so every running answer gets its next token at the same step. Waiting on one shared
/// step also costs the fake no timer per token, which at thousands of paced tokens a second is most of what a fake
/// sharing the machine with the proxy it measures spends.
/// </summary>
internal sealed class FakeDecodeClock : IDisposable
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _step = NewStep();
    private Timer? _timer;
    private TimeSpan _period;

    public Task NextStepAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        if (_timer is null || _period != period)
        {
            lock (_lock)
            {
                if (_timer is null || _period != period)
                {
                    _timer?.Dispose();
                    _period = period;
                    _timer = new Timer(_ => Interlocked.Exchange(ref _step, NewStep()).TrySetResult(), null, period, period);
                }
            }
        }

        return Volatile.Read(ref _step).Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewStep() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        lock (_lock) _timer?.Dispose();
    }
}
