using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ziggie.Testing.Ollama;

internal static class RequestRecording
{
    /// <summary>Records every request before routing, with its body, and marks it aborted the moment the client disconnects.</summary>
    public static void UseRequestRecording(this IApplicationBuilder app, FakeOllama fake) => app.Use(async (http, next) =>
    {
        var body = await ReadBodyAsync(http);
        if (body is null) return;
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var record = new RecordedRequest(http.Request.Method, http.Request.Path.Value ?? "/", headers, body, http.Connection.Id);
        http.Items[typeof(RecordedRequest)] = record;
        fake.Log.Add(record);

        var abortWatch = http.RequestAborted.Register(record.MarkAborted);
        try
        {
            await next(http);
        }
        finally
        {
            // Unhook before completing: after a normal end Kestrel may reuse or cancel the token for the connection.
            abortWatch.Dispose();
            record.Complete(http.Response.StatusCode);
        }
    });

    // Kestrel has already undone any chunked transfer encoding; null means the client left mid-upload.
    private static async Task<string?> ReadBodyAsync(HttpContext http)
    {
        try
        {
            using var reader = new StreamReader(http.Request.Body, leaveOpen: true);
            return await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }
}
