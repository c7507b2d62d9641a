using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ziggie.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ChatPageTests(BrowserFixture browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chat_streams_a_markdown_answer_with_copyable_code_and_is_there_after_a_reload()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        session.Backend.Ollama.Tokens = ["Here is ", "**some** code:\n\n", "```js\n", "console.log('hi')\n", "```\n"];
        await session.SignInAsync(role: "user", username: "chatter");
        var page = session.Page;

        await page.GotoAsync("/chat");
        await Expect(page.GetByTestId("model-picker")).ToContainTextAsync("llama3.2:latest");
        await page.GetByPlaceholder("Message").FillAsync("Show me some code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var answer = page.GetByTestId("message-assistant").Last;
        await Expect(answer.Locator("pre")).ToContainTextAsync("console.log('hi')");
        await Expect(answer.Locator("strong")).ToHaveTextAsync("some");
        await Expect(answer.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("conversation-list")).ToContainTextAsync("Show me some code");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("chat");

        await page.ReloadAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/chat/[0-9a-f]{24}$"));
        await Expect(page.GetByTestId("conversation-list")).ToContainTextAsync("Show me some code");
        await Expect(page.GetByTestId("message-user")).ToHaveTextAsync("Show me some code");
        await Expect(page.GetByTestId("message-assistant").Locator("pre")).ToContainTextAsync("console.log('hi')");
    }

    [Fact]
    public async Task A_conversation_can_be_renamed_and_deleted_after_confirmation()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync(role: "user", username: "renamer");
        var owner = session.Backend.ClientWithToken(await session.Page.EvaluateAsync<string>("localStorage.getItem('ziggie.access_token')"));
        await owner.PostAsJsonAsync("/api/conversations", new { title = "Old title" }, Cancel);
        var page = session.Page;

        await page.GotoAsync("/chat");
        await page.GetByLabel("Rename Old title").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Title").FillAsync("New title");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByTestId("conversation-list")).ToContainTextAsync("New title");

        await page.GetByLabel("Delete New title").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(page.GetByTestId("conversation-list")).Not.ToContainTextAsync("New title");
        var left = await owner.GetFromJsonAsync<JsonElement>("/api/conversations", Cancel);
        Assert.Equal(0, left.GetArrayLength());
    }
}
