using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Ziggie.Backend.Auth;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>Cases the outside probe tried that held, kept as tests so they keep holding (rows of docs/security.md).</summary>
public class ProbeCaseTests(SharedBackend shared) : IClassFixture<SharedBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_whose_role_was_edited_is_refused()
    {
        await using var ziggie = await TestBackend.StartWithMongoDownAsync();
        var token = TestTokens.Create(TestBackend.SigningKey, DateTime.UtcNow.AddHours(1), role: "readonly");
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url(parts[1])).Replace("\"readonly\"", "\"admin\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{parts[2]}";

        var response = await ziggie.ClientWithToken(tampered).GetAsync("/api/llm/models", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_huge_token_is_refused_before_it_is_parsed()
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.ClientWithToken(new string('a', 100_000)).GetAsync("/api/llm/models", Cancel);

        Assert.True(response.StatusCode is HttpStatusCode.RequestHeaderFieldsTooLarge or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
    }

    [Theory]
    [InlineData("\u0430dmin")] // Cyrillic "а"
    [InlineData("admin\r\nX-Injected: 1")]
    [InlineData("admin\u0000")]
    [InlineData("../admin")]
    public async Task Look_alike_control_character_and_path_usernames_do_not_sign_in_as_the_admin(string username)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Anonymous.PostAsJsonAsync("/api/auth/login", new { username, password = TestBackend.AdminPassword }, Cancel);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.False(response.Headers.Contains("X-Injected"));
    }

    [Fact]
    public async Task Json_nested_ten_thousand_deep_answers_400()
    {
        var ziggie = shared.Ziggie;
        // In a field the API does not know: the reader still has to walk it, and stops at its depth limit.
        var body = """{"extra":""" + new string('[', 10_000) + new string(']', 10_000) + ""","model":"llama3.2","prompt":"hi"}""";

        var response = await ziggie.Client.PostAsync("/api/llm/generate", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problems.ReadAsync(response, 400);
        Assert.Contains("too deeply", problem.Detail);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task A_body_of_invalid_utf8_answers_400()
    {
        var ziggie = shared.Ziggie;
        byte[] body = [.. """{"model":"llama3.2","prompt":"""u8, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await ziggie.Client.PostAsync("/api/llm/generate", content, Cancel);

        await Problems.ReadAsync(response, 400);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task A_client_that_never_reads_its_stream_does_not_stop_others_being_served()
    {
        await using var ziggie = await TestBackend.StartAsync();
        var token = ziggie.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        var address = ziggie.Client.BaseAddress!;
        using var stuck = new TcpClient();
        await stuck.ConnectAsync(address.Host, address.Port, Cancel);
        var request = $"POST /api/llm/generate HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n" +
                      "Content-Length: 49\r\n\r\n{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":true}";
        await stuck.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request), Cancel);
        // This client never reads a byte of its answer; another is served all the same.

        var other = await ziggie.ClientFor(Roles.User).PostAsJsonAsync("/api/llm/generate", new { model = "llama3.2", prompt = "hi" }, Cancel);

        other.EnsureSuccessStatusCode();
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
