using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OllamaSharp.Models;
using Ziggie.Backend.Ollama;

namespace Ziggie.Backend.Llm;

/// <summary>
/// A pull to every node, one after the other, in one NDJSON answer: each node's progress lines as Ollama sends
/// them with <c>"node"</c> added, its own end as <c>{"status":"done on {node}","node":…}</c> (or its error, and the
/// pull goes on to the next node), and one last line for the whole: <c>{"status":"success"}</c> when every node has
/// the model, else an error line naming the nodes that failed. A client written for one Ollama reads it unchanged.
/// </summary>
internal static class NodePulls
{
    public static async Task<IResult> PullToEachAsync(string model, OllamaRelay relay, PullTracker pulls, ModelCatalog catalog, OllamaNodes nodes, HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-ndjson";
        // Before the first line: the header names every node the pull goes to, in order.
        foreach (var node in nodes.All) http.Response.Headers.Append(NodeRouter.HeaderName, node.Name);
        var call = new OllamaCall(OllamaOperation.Pull, new PullModelRequest { Model = model, Stream = true }, model, Stream: true);
        var limits = relay.LimitsFor(call);
        var failed = new List<string>();
        try
        {
            foreach (var node in nodes.All)
            {
                using var progress = new PullWatch(pulls.Start(model, node.Name), catalog);
                if (await PullToAsync(node, call, relay.Ollama, limits, progress, http) is { } error)
                {
                    failed.Add($"{node.Name}: {error}");
                    await WriteAsync(http, new JsonObject { ["error"] = error, ["node"] = node.Name });
                }
                else
                {
                    await WriteAsync(http, new JsonObject { ["status"] = $"done on {node.Name}", ["node"] = node.Name });
                }
            }

            await WriteAsync(http, failed.Count == 0
                ? new JsonObject { ["status"] = OllamaCall.PullSuccess }
                : new JsonObject { ["error"] = $"the pull failed on {string.Join("; ", failed)}", ["done"] = true });
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }

        return TypedResults.Empty;
    }

    /// <returns>Why the pull to this node failed; null once it says success.</returns>
    private static async Task<string?> PullToAsync(OllamaNode node, OllamaCall call, OllamaClient ollama, LineLimits limits, PullWatch progress, HttpContext http)
    {
        using var inFlight = node.Enter();
        var opening = await OllamaExchange.OpenAsync(ollama, node, call, limits, captureText: false, http.RequestAborted);
        if (opening.ErrorResponse is { } response)
        {
            using (response) return $"Ollama answered {(int)response.StatusCode}: {await OllamaFailure.ReadErrorAsync(response, http.RequestAborted)}";
        }

        if (opening.Exchange is not { } exchange) return $"Ollama at {node.Shown} did not answer ({opening.Error?.Message ?? opening.Failure.ToString()})";

        await using (exchange)
        {
            while (true)
            {
                var line = await exchange.NextAsync();
                if (line.Failure == CallEnd.CallerLeft) throw new OperationCanceledException(http.RequestAborted);
                if (line.Failure is { } failure) return line.Reason ?? failure.ToString();

                progress.OnChunk(line.Chunk, null);
                if (line.Chunk.Status == OllamaCall.PullSuccess) return null;
                var json = JsonNode.Parse(line.Bytes.ToArray())!.AsObject();
                json["node"] = node.Name;
                await WriteAsync(http, json);
            }
        }
    }

    private static async Task WriteAsync(HttpContext http, JsonObject line)
    {
        var body = http.Response.BodyWriter;
        using (var json = new Utf8JsonWriter(body)) line.WriteTo(json);
        body.Write("\n"u8);
        await body.FlushAsync(http.RequestAborted);
    }
}
