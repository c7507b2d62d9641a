using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Ziggie.Tests.Auth;
using static Microsoft.Playwright.Assertions;

namespace Ziggie.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ApiKeysPageTests(BrowserFixture browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_is_created_shown_once_with_snippets_used_by_a_client_and_revoked()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync("user", "key-owner");
        var page = session.Page;
        await page.GotoAsync("/api-keys");
        await Expect(page.GetByTestId("quota-tokens")).ToContainTextAsync("0 used · unlimited");

        await page.GetByTestId("key-name").FillAsync("laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secretBox = page.GetByTestId("created-key-secret");
        await Expect(secretBox).ToContainTextAsync("zk_");
        var secret = (await secretBox.TextContentAsync())!.Trim();
        await Expect(page.GetByTestId("key-snippets")).ToContainTextAsync($"/ollama\")");
        await Expect(page.GetByTestId("key-snippets")).ToContainTextAsync(secret);
        await page.GetByRole(AriaRole.Tab, new() { Name = "OpenAI SDK" }).ClickAsync();
        await Expect(page.GetByTestId("key-snippets")).ToContainTextAsync("/v1\"");
        await Expect(page.GetByTestId("key-laptop")).ToContainTextAsync(secret[..11]);
        await session.ScreenshotAsync("api-keys");

        var tool = session.Backend.ClientWithToken(secret);
        (await tool.GenerateAsync()).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Expect(page.GetByTestId("created-key")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("key-laptop")).Not.ToContainTextAsync("—");
        await Expect(page.GetByTestId("quota-requests")).ToContainTextAsync("1 used");
        await page.GetByTestId("key-laptop").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        await Expect(page.GetByTestId("key-laptop")).ToBeHiddenAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await tool.GetAsync("/api/llm/models", Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_admin_sets_a_users_quota_on_the_users_page()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        session.Backend.ClientFor("user", "quota-user");
        await session.SignInAsync();
        var page = session.Page;
        await page.GotoAsync("/users");
        await Expect(page.GetByTestId("quota-of-quota-user")).ToContainTextAsync("role default");

        await page.GetByTestId("user-quota-user").GetByRole(AriaRole.Button, new() { Name = "Quota" }).ClickAsync();
        await page.GetByLabel("Tokens per day").FillAsync("1000");
        await session.ScreenshotAsync("users-quota");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByTestId("quota-of-quota-user")).ToContainTextAsync("1,000 tokens / day");
        var stored = await session.Backend.Users.FindByUsernameAsync("quota-user", Cancel);
        Assert.Equal(1000, stored!.Quota?.TokensPerDay);
        Assert.Null(stored.Quota?.RequestsPerDay);
    }
}
