using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Security;

/// <summary>Bad input gets the right 4xx with a detail to act on, and changes nothing (rows of docs/security.md).</summary>
public class BadInputTests(SharedBackend shared) : IClassFixture<SharedBackend>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("library/llama3.2")]
    [InlineData("..")]
    [InlineData("llama\u00003.2")]
    [InlineData("llama\n3.2")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890x")]
    public async Task Model_names_that_are_path_like_invisible_or_too_long_are_refused(string model)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/generate", new { model, prompt = "hi" }, Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("model", problem.Errors.Keys);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Theory]
    [InlineData("""{"model":"llama3.2","prompt":"hi","temperature":NaN}""")]
    [InlineData("""{"model":"llama3.2","prompt":"hi","temperature":"NaN"}""")]
    [InlineData("""{"model":"llama3.2","prompt":"hi","max_tokens":-5}""")]
    [InlineData("""{"model":"llama3.2","prompt":"hi","max_tokens":1.5}""")]
    [InlineData("""{"model":"llama3.2","prompt":"hi","stream":"yes"}""")]
    public async Task Numbers_that_are_not_numbers_or_out_of_range_are_refused(string body)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Client.PostAsync("/api/llm/generate", Json(body), Cancel);

        await Problems.ReadAsync(response, 400);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Fact]
    public async Task A_chat_of_ten_thousand_messages_is_refused()
    {
        var ziggie = shared.Ziggie;
        var messages = Enumerable.Repeat(new { role = "user", content = "hi" }, 10_000).ToArray();

        var response = await ziggie.Client.PostAsJsonAsync("/api/llm/chat", new { model = "llama3.2", messages }, Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("messages", problem.Errors.Keys);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_size_limit_answers_413_however_it_is_sent(bool chunked)
    {
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Limits:MaxRequestBodyBytes", "65536"));
        var body = $$"""{"model":"llama3.2","prompt":"{{new string('x', 100_000)}}"}""";
        HttpContent content = chunked ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) : Json(body);
        content.Headers.ContentType = new("application/json");
        if (chunked) content.Headers.ContentLength = null;

        var response = await ziggie.Client.PostAsync("/api/llm/generate", content, Cancel);

        var problem = await Problems.ReadAsync(response, 413);
        Assert.Contains("MaxRequestBodyBytes", problem.Detail);
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    [Theory]
    [InlineData("""{"username":{"$gt":""},"password":"x"}""")]
    [InlineData("""{"username":"admin","password":{"$ne":null}}""")]
    public async Task Mongo_operators_where_a_string_belongs_are_refused_at_sign_in(string body)
    {
        var ziggie = shared.Ziggie;

        var response = await ziggie.Anonymous.PostAsync("/api/auth/login", Json(body), Cancel);

        await Problems.ReadAsync(response, 400);
    }

    [Fact]
    public async Task An_admin_cannot_be_created_with_an_unknown_role_or_a_short_password()
    {
        var ziggie = shared.Ziggie;
        var admin = ziggie.ClientFor("admin");

        var response = await admin.PostAsJsonAsync("/api/auth/users", new { username = "eve", password = "short", role = "root" }, Cancel);

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("role", problem.Errors.Keys);
        Assert.Contains("password", problem.Errors.Keys);
        Assert.Null(await ziggie.Users.FindByUsernameAsync("eve", Cancel));
    }

    [Fact]
    public async Task A_user_cannot_change_someone_elses_account()
    {
        var ziggie = shared.Ziggie;
        var victim = (await ziggie.Users.FindByUsernameAsync("tester", Cancel))!;
        var mallory = ziggie.ClientFor("user");

        var response = await mallory.PutAsJsonAsync($"/api/auth/users/{victim.Id}", new { role = "admin" }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("user", (await ziggie.Users.FindByUsernameAsync("tester", Cancel))!.Role);
    }
}
