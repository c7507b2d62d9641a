using Microsoft.AspNetCore.Http.HttpResults;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Llm;

/// <summary>
/// A short question to Ollama (list, show, delete) under one time limit, its failures worded as
/// ProblemDetails: no answer in time → 504, an error status → 502, no answer at all → 503.
/// </summary>
internal static class OllamaQuery
{
    public static async Task<Results<TOk, ProblemHttpResult>> AskAsync<TOk>(
        string ollama, TimeSpan limit, Func<CancellationToken, Task<Results<TOk, ProblemHttpResult>>> ask, CancellationToken cancellationToken)
        where TOk : IResult
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return await ask(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return OllamaFailure.QueryTimedOut(ollama, limit);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is { } code)
        {
            return OllamaFailure.UpstreamError((int)code, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return OllamaFailure.Unreachable(ollama, ex);
        }
    }
}
