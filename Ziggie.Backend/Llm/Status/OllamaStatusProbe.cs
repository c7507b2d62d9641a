using System.Diagnostics;
using Microsoft.Extensions.Options;
using Ziggie.Backend.Ollama;
using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Llm;

/// <summary>
/// Asks each Ollama node's <c>/api/version</c> and says what came back: online (200), degraded (another
/// status), offline (no answer: refused, unknown host, timeout) with the reason. One answer serves
/// every caller for <see cref="LlmOptions.StatusCacheDuration"/> (its <c>checked_at</c> says when it was
/// asked), so a page polling status from many browsers costs Ollama one question per period.
/// </summary>
public sealed class OllamaStatusProbe(
    OllamaClient ollama, OllamaNodes nodes, InstanceIdentity instance, IOptions<LlmOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private Task<LlmStatus>? _latest;

    public Task<LlmStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.StatusCacheDuration;
        if (period <= TimeSpan.Zero)
        {
            return AskAsync(cancellationToken);
        }

        lock (_gate)
        {
            if (_latest is not { } shared
                || shared.IsFaulted
                || (shared.IsCompletedSuccessfully && time.GetUtcNow() - shared.Result.CheckedAt >= period))
            {
                // Shared by every caller, so no caller's token may cancel it; StatusTimeout bounds it.
                _latest = shared = AskAsync(CancellationToken.None);
            }

            return shared.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Every node at once; the top-level fields are those of one-node clients: online if any node is.</summary>
    private async Task<LlmStatus> AskAsync(CancellationToken cancellationToken)
    {
        var checkedAt = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var answers = await Task.WhenAll(nodes.All.Select(node => AskNodeAsync(node, cancellationToken)));
        var best = answers.FirstOrDefault(a => a.Status == LlmStatus.Online)
            ?? answers.FirstOrDefault(a => a.Status == LlmStatus.Degraded)
            ?? answers[0];
        var first = nodes.First.Shown;
        return new LlmStatus(
            best.Status,
            "ollama",
            first,
            best.Version is { } version ? new OllamaVersion(version) : null,
            best.Status == LlmStatus.Online ? null : string.Join("; ", answers.Select(a => nodes.Several ? $"{a.Name}: {a.Error}" : a.Error)),
            Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
            new InstanceInfo(instance.Id, instance.Host, instance.ProcessId, instance.StartedAt, first),
            checkedAt)
        {
            Nodes = answers,
        };
    }

    private async Task<NodeStatus> AskNodeAsync(OllamaNode node, CancellationToken cancellationToken)
    {
        var limit = options.Value.StatusTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var started = Stopwatch.GetTimestamp();
        string status, version = "", error = "";
        try
        {
            version = await ollama.GetVersionAsync(node, timeout.Token);
            status = LlmStatus.Online;
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } code)
        {
            (status, error) = (LlmStatus.Degraded, $"Ollama answered {(int)code} {code} on /api/version");
        }
        catch (HttpRequestException ex)
        {
            (status, error) = (LlmStatus.Offline, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            (status, error) = (LlmStatus.Offline, $"no answer within {limit.TotalSeconds:0.###} s");
        }
        catch (Exception ex) when (ex is OllamaSharp.Models.Exceptions.OllamaException or System.Text.Json.JsonException)
        {
            (status, error) = (LlmStatus.Degraded, ex.Message);
        }

        var view = node.View;
        return new NodeStatus(
            node.Name,
            status,
            node.Shown,
            status == LlmStatus.Online ? version : null,
            status == LlmStatus.Online ? null : error,
            Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
            node.InFlight,
            nodes.Several && view.Known ? [.. view.Loaded.Order(StringComparer.Ordinal)] : null);
    }
}

/// <param name="CheckedAt">When Ollama was asked: a status may be up to <see cref="LlmOptions.StatusCacheDuration"/> old.</param>
public sealed record LlmStatus(
    string Status, string Service, string Url, OllamaVersion? Version, string? Error, double LatencyMs, InstanceInfo Instance, DateTimeOffset CheckedAt)
{
    /// <summary>The names of the models Ollama has, when it is online and lists them in time.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>The pulls running through this backend now.</summary>
    public IReadOnlyList<PullProgress>? Pulls { get; init; }

    /// <summary>Each Ollama node, in the order of its connection strings; the top-level fields sum them up for one-node clients.</summary>
    public IReadOnlyList<NodeStatus>? Nodes { get; init; }

    /// <summary>Whether this instance shares its limits, slots and pulls with other replicas (in Redis) or keeps them in process.</summary>
    public Shared.SharedStateInfo? State { get; init; }

    public const string Online = "online";
    public const string Degraded = "degraded";
    public const string Offline = "offline";
}

public sealed record OllamaVersion(string Version);

/// <summary>One Ollama node as this backend sees it.</summary>
/// <param name="Name">Its resource name: <c>ollama</c>, <c>ollama-1</c>, … (what <c>X-Ziggie-Ollama</c> says).</param>
/// <param name="InFlight">Generate, chat and pull calls this backend has open on it now.</param>
/// <param name="Loaded">With several nodes, the models in its memory at the router's last look (<c>/api/ps</c>).</param>
public sealed record NodeStatus(
    string Name, string Status, string Url, string? Version, string? Error, double LatencyMs, int InFlight, IReadOnlyList<string>? Loaded);

/// <summary>The answering backend, and the Ollama it actually talks to.</summary>
public sealed record InstanceInfo(string Id, string Host, int Pid, DateTimeOffset StartedAt, string OllamaUrl);
