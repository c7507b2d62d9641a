using System.Net.WebSockets;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>The token a browser puts in <c>/ws?access_token=</c> never reaches a log, whatever the log levels say.</summary>
public class TokenInLogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_socket_token_is_never_logged_even_with_request_logs_at_information()
    {
        // As if the project's appsettings.json (Microsoft.AspNetCore at Warning) were not there, and then some.
        await using var ziggie = await TestBackend.StartAsync(
            ("Logging:LogLevel:Default", "Information"),
            ("Logging:LogLevel:Microsoft.AspNetCore", "Information"),
            ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace"),
            ("Logging:Ziggie.Tests.Infrastructure.CapturedLogs:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace"),
            ("Logging:LogLevel:Ziggie.Backend.Api.RequestLog", "Debug"));
        var token = ziggie.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        var socketUri = new Uri($"ws://{ziggie.Client.BaseAddress!.Authority}/ws?access_token={Uri.EscapeDataString(token)}");
        using (var socket = new ClientWebSocket())
        {
            await socket.ConnectAsync(socketUri, Cancel).WaitAsync(Timeout, Cancel);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Cancel).WaitAsync(Timeout, Cancel);
        }

        await ziggie.Anonymous.GetAsync($"/api/system/stats?access_token={token}&other=1", Cancel);

        var line = await ziggie.Logs.WaitForAsync(l => l.Contains("/api/system/stats?access_token=[redacted]&other=1", StringComparison.Ordinal));
        Assert.Contains("401", line);
        await ziggie.Logs.WaitForAsync(l => l.Contains("/ws?access_token=[redacted]", StringComparison.Ordinal));
        var signature = token.Split('.')[2];
        Assert.DoesNotContain(ziggie.Logs.Lines, l => l.Contains(signature, StringComparison.Ordinal));
    }
}
