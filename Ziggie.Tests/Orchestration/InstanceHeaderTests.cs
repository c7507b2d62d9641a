using System.Net.Http.Json;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Orchestration;

public class InstanceHeaderTests
{
    [Theory]
    [InlineData("GET", "/api/llm/status")]
    [InlineData("GET", "/health")]
    [InlineData("GET", "/no/such/route")]
    [InlineData("POST", "/api/llm/generate")]
    public async Task Every_response_says_which_backend_instance_answered(string method, string path)
    {
        await using var ziggie = await TestBackend.StartAsync();

        var response = await ziggie.Client.SendAsync(
            new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null },
            TestContext.Current.CancellationToken);

        var instance = Assert.Single(response.Headers.GetValues("X-Ziggie-Instance"));
        var parts = instance.Split('/');
        Assert.Equal(3, parts.Length);
        Assert.Equal(Environment.MachineName, parts[0]);
        Assert.Equal(Environment.ProcessId.ToString(), parts[1]);
        Assert.True(DateTimeOffset.TryParse(parts[2], out _), instance);
    }
}
