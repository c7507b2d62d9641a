using Microsoft.Playwright;
using Ziggie.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ziggie.Tests.Browser;

/// <summary>The control center while MongoDB is down: nothing typed is lost, the shell does not wait, every page says why.</summary>
[Collection(BrowserCollection.Name)]
public class MongoDownPageTests(BrowserFixture browser)
{
    private const string MongoReason = "MongoDB does not answer";

    [Fact]
    public async Task A_chat_question_sent_while_mongodb_is_down_stays_in_the_box_with_the_reason_beside_it()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync(role: "user", username: "asker");
        var page = session.Page;
        await page.GotoAsync("/chat");
        await Expect(page.GetByTestId("model-picker")).ToContainTextAsync("llama3.2:latest");
        session.Backend.Mongo.IsAvailable = false;

        await page.GetByPlaceholder("Message").FillAsync("What is the capital of Peru?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.GetByTestId("error").Filter(new() { HasText = "Not sent" })).ToContainTextAsync(MongoReason);
        await Expect(page.GetByPlaceholder("Message")).ToHaveValueAsync("What is the capital of Peru?");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeEnabledAsync();
        await session.ScreenshotAsync("chat-mongodb-down");
    }

    [Fact]
    public async Task The_admins_menu_and_name_come_from_the_token_without_waiting_for_me()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync();
        var page = session.Page;
        session.Backend.Mongo.IsAvailable = false;
        // /me never answers: whatever the shell shows, it shows without it.
        await page.RouteAsync("**/api/auth/me", _ => Task.CompletedTask);

        await page.GotoAsync("/system");

        var menu = page.GetByRole(AriaRole.Navigation);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Models" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("admin · admin");
    }

    [Fact]
    public async Task Users_says_at_the_first_answer_that_mongodb_is_down_without_retrying()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync();
        var page = session.Page;
        session.Backend.Mongo.IsAvailable = false;
        var asked = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/auth/users", StringComparison.Ordinal)) Interlocked.Increment(ref asked);
        };

        await page.GotoAsync("/users");

        await Expect(page.GetByTestId("error")).ToContainTextAsync(MongoReason);
        // The 503 says why; asking again would only delay the message by the retries' back-off.
        Assert.Equal(1, Volatile.Read(ref asked));
        await session.ScreenshotAsync("users-mongodb-down");
    }

    [Fact]
    public async Task A_refused_stats_socket_never_prints_the_token_to_the_console()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync();
        var page = session.Page;
        var forged = TestTokens.Create("someone-elses-signing-key-that-is-also-long-enough", DateTime.UtcNow.AddHours(1));
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            lock (console) console.Add(message.Text);
        };
        await page.EvaluateAsync("token => localStorage.setItem('ziggie.access_token', token)", forged);

        var socketFailed = page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.Contains("WebSocket") });
        await page.GotoAsync("/");
        await socketFailed;

        string[] lines;
        lock (console) lines = [.. console];
        Assert.Contains(lines, line => line.Contains("/ws"));
        Assert.DoesNotContain(lines, line => line.Contains("access_token") || line.Contains(forged[..20]));
    }
}
