using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ziggie.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class AdminPagesTests(BrowserFixture browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_lists_what_ollama_has_with_sizes()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        session.Backend.Ollama.AddModel("qwen2.5:0.5b", 397_821_319);
        await session.SignInAsync();
        var page = session.Page;

        await page.GotoAsync("/models");

        var table = page.GetByTestId("models-table");
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "llama3.2:latest" })).ToContainTextAsync("1.9 GB");
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "qwen2.5:0.5b" })).ToContainTextAsync("379.4 MB");
        await session.ScreenshotAsync("models");
    }

    [Fact]
    public async Task Models_pulls_with_a_progress_bar_and_deletes_after_confirmation()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        var ollama = session.Backend.Ollama;
        ollama.AddToLibrary("tinyllama:latest", 637_700_138);
        await session.SignInAsync();
        var page = session.Page;
        await page.GotoAsync("/models");

        var gate = ollama.HoldBeforeChunk(3);
        await page.GetByLabel("Model to pull, e.g. llama3.2:1b").FillAsync("tinyllama");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pull" }).ClickAsync();
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(20), Cancel);
        await Expect(page.GetByTestId("pull-progress")).ToContainTextAsync("%");
        gate.Release();
        await Expect(page.GetByTestId("pull-progress")).ToContainTextAsync("100.0 %");
        await Expect(page.GetByTestId("models-table")).ToContainTextAsync("tinyllama:latest");

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "tinyllama:latest" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByTestId("models-table")).Not.ToContainTextAsync("tinyllama:latest");
        Assert.False(ollama.HasModel("tinyllama:latest"));
    }

    [Fact]
    public async Task Users_creates_a_user_and_deactivates_it()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync();
        var page = session.Page;

        await page.GotoAsync("/users");
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync("bob-user");
        await page.GetByLabel("Password").FillAsync("bobs-long-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        var row = page.GetByTestId("user-bob-user");
        await Expect(row).ToContainTextAsync("active");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await session.ScreenshotAsync("users");
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();

        await Expect(row).ToContainTextAsync("inactive");
        var stored = await session.Backend.Users.FindByUsernameAsync("bob-user", Cancel);
        Assert.False(stored!.IsActive);
    }

    [Fact]
    public async Task Users_shows_why_a_new_user_was_refused()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync();
        var page = session.Page;

        await page.GotoAsync("/users");
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync("shorty");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Dialog).GetByTestId("error")).ToContainTextAsync("password");
    }

    [Fact]
    public async Task System_shows_the_backend_host_and_its_resources()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync(role: "readonly");
        var page = session.Page;

        await page.GotoAsync("/system");

        await Expect(page.GetByTestId("system-info")).ToContainTextAsync(Environment.MachineName);
        await Expect(page.GetByTestId("system-info")).ToContainTextAsync($"pid {Environment.ProcessId}");
        await Expect(page.GetByTestId("system-stats")).ToContainTextAsync("cores");
        await session.ScreenshotAsync("system");
    }

    [Fact]
    public async Task Admin_pages_are_not_offered_to_other_roles()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync(role: "user");
        var page = session.Page;

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Chat" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await page.GotoAsync("/users");
        await Expect(page.GetByText("Only an admin can open this page")).ToBeVisibleAsync();
    }
}
