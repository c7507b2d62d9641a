using System.Text.Json;
using Microsoft.Playwright;
using Ziggie.Tests.Infrastructure;

namespace Ziggie.Tests.Browser;

/// <summary>
/// The old control center's calls, replayed with fetch from a page on another origin: status without a token,
/// sign-in, models and generate with Authorization: Bearer, and /api/auth/me as it asks on every load.
/// </summary>
[Collection(BrowserCollection.Name)]
public class OldClientPageTests(BrowserFixture browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // What the old app does, in the order it does it; each step gives its HTTP status (0: the browser blocked it).
    private const string Replay = """
        async ({ backend, username, password }) => {
          const call = async (path, init) => {
            try {
              const response = await fetch(backend + path, init)
              return { status: response.status, body: await response.json() }
            } catch (error) {
              return { status: 0, body: { blocked: String(error) } }
            }
          }
          const steps = {}
          steps.status = await call('/api/llm/status')
          steps.login = await call('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) })
          const token = steps.login.body.access_token
          const bearer = { Authorization: 'Bearer ' + token }
          steps.me = await call('/api/auth/me', { headers: bearer })
          steps.models = await call('/api/llm/models', { headers: bearer })
          steps.generate = await call('/api/llm/generate', {
            method: 'POST',
            headers: { ...bearer, 'Content-Type': 'application/json' },
            body: JSON.stringify({ model: 'llama3.2', prompt: 'Say hi', stream: false }),
          })
          steps.anonymousMe = await call('/api/auth/me')
          return JSON.stringify({ steps, token })
        }
        """;

    private const string LoadMe = """
        async ({ backend, token }) => {
          const response = await fetch(backend + '/api/auth/me', { headers: { Authorization: 'Bearer ' + token } })
          return JSON.stringify({ status: response.status, body: await response.json() })
        }
        """;

    [Fact]
    public async Task The_old_clients_calls_succeed_from_its_origin_once_configured_and_me_answers_while_mongodb_is_down()
    {
        await using var other = await OtherOriginPage.StartAsync(Cancel);
        await using var ziggie = await TestBackend.StartAsync(("Ziggie:Cors:AllowedOrigins:0", other.Origin));
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(other.Address.ToString());
        var backend = ziggie.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var replay = JsonDocument.Parse(await page.EvaluateAsync<string>(Replay, new { backend, username = "admin", password = TestBackend.AdminPassword })).RootElement;

        var steps = replay.GetProperty("steps");
        Assert.True(Status(steps, "status") == 200, steps.ToString());
        Assert.Equal("online", steps.GetProperty("status").GetProperty("body").GetProperty("status").GetString());
        Assert.Equal(200, Status(steps, "login"));
        Assert.Equal(200, Status(steps, "me"));
        Assert.Equal("admin", steps.GetProperty("me").GetProperty("body").GetProperty("username").GetString());
        Assert.Equal(200, Status(steps, "models"));
        Assert.Contains("llama3.2", steps.GetProperty("models").GetProperty("body").GetProperty("models").ToString());
        Assert.Equal(200, Status(steps, "generate"));
        Assert.True(steps.GetProperty("generate").GetProperty("body").GetProperty("done").GetBoolean());
        // The old app shows a failure's detail: a 401 says what to do, and the page can read it across origins.
        Assert.Equal(401, Status(steps, "anonymousMe"));
        Assert.Contains("POST /api/auth/login", steps.GetProperty("anonymousMe").GetProperty("body").GetProperty("detail").GetString());

        ziggie.Mongo.IsAvailable = false;
        var token = replay.GetProperty("token").GetString()!;
        var me = JsonDocument.Parse(await page.EvaluateAsync<string>(LoadMe, new { backend, token })).RootElement;

        Assert.True(me.GetProperty("status").GetInt32() == 200, me.ToString());
        Assert.Equal("admin", me.GetProperty("body").GetProperty("username").GetString());
        Assert.Equal("token", me.GetProperty("body").GetProperty("source").GetString());
    }

    [Fact]
    public async Task Without_its_origin_configured_the_browser_blocks_every_call_of_the_old_client()
    {
        await using var other = await OtherOriginPage.StartAsync(Cancel);
        await using var ziggie = await TestBackend.StartAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(other.Address.ToString());
        var backend = ziggie.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var replay = JsonDocument.Parse(await page.EvaluateAsync<string>(Replay, new { backend, username = "admin", password = TestBackend.AdminPassword })).RootElement;

        var steps = replay.GetProperty("steps");
        foreach (var step in new[] { "status", "login", "me", "models", "generate", "anonymousMe" })
        {
            Assert.True(Status(steps, step) == 0, $"{step} was not blocked: {steps}");
        }

        // The simple GET reached the backend (the browser only hid the answer); the preflighted calls never did.
        Assert.DoesNotContain(ziggie.Ollama.Requests, r => r.Path == "/api/generate");
    }

    private static int Status(JsonElement steps, string name) => steps.GetProperty(name).GetProperty("status").GetInt32();
}
