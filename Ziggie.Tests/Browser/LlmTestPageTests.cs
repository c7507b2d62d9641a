using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ziggie.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class LlmTestPageTests(BrowserFixture browser)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shows_ONLINE_with_version_url_and_instance_and_streams_the_answer_of_the_picked_model()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        var ollama = session.Backend.Ollama;
        ollama.AddModel("qwen2.5:0.5b", 397_821_319);
        await session.SignInAsync(role: "user");
        var page = session.Page;

        await page.GotoAsync("/llm-test");
        await Expect(page.GetByTestId("llm-status")).ToHaveTextAsync("ONLINE");
        await Expect(page.GetByTestId("llm-version")).ToHaveTextAsync(ollama.Version);
        await Expect(page.GetByTestId("llm-url")).ToHaveTextAsync(ollama.BaseAddress.ToString());
        await Expect(page.GetByTestId("llm-instance")).ToContainTextAsync($"/{Environment.ProcessId}/");

        await page.GetByTestId("model-picker").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Option, new() { Name = "llama3.2:latest" }).ClickAsync();

        var gate = ollama.HoldBeforeChunk(3);
        await page.GetByLabel("Prompt").FillAsync("Say hello");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await gate.Reached.WaitAsync(Timeout, Cancel);

        // Three chunks are out, the fourth is held: what the page shows now arrived while the answer was still running.
        await Expect(page.GetByTestId("llm-output")).ToHaveTextAsync("Hello world from");
        await Expect(page.GetByTestId("generation-phase")).ToHaveTextAsync("Streaming…");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop" })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate" })).ToBeDisabledAsync();
        await session.ScreenshotAsync("llm-test-streaming");
        gate.Release();

        await Expect(page.GetByTestId("llm-output")).ToHaveTextAsync("Hello world from the fake");
        await Expect(page.GetByTestId("generation-phase")).ToContainTextAsync("Done");
        var request = await ollama.WaitForRequestAsync("/api/generate", Cancel).WaitAsync(Timeout, Cancel);
        Assert.Equal("llama3.2:latest", request.Model);
        Assert.Equal("Say hello", request.Json!.Value.GetProperty("prompt").GetString());
        await session.ScreenshotAsync("llm-test");
    }

    [Fact]
    public async Task Stop_cancels_the_generation_all_the_way_to_ollama()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync(role: "user");
        var page = session.Page;
        await page.GotoAsync("/llm-test");
        await Expect(page.GetByTestId("model-picker")).ToContainTextAsync("llama3.2:latest");

        var gate = session.Backend.Ollama.HoldBeforeChunk(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await gate.Reached.WaitAsync(Timeout, Cancel);
        await Expect(page.GetByTestId("llm-output")).ToHaveTextAsync("Hello world");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

        var request = await session.Backend.Ollama.WaitForRequestAsync("/api/generate", Cancel).WaitAsync(Timeout, Cancel);
        await request.Completed.WaitAsync(Timeout, Cancel);
        Assert.True(request.Aborted, "the fake Ollama saw the generate request aborted");
        await Expect(page.GetByTestId("generation-phase")).ToHaveTextAsync("Stopped");
        await Expect(page.GetByTestId("llm-output")).ToHaveTextAsync("Hello world");
    }

    [Fact]
    public async Task The_badge_turns_OFFLINE_with_the_reason_when_ollama_stops()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync(role: "user");
        var page = session.Page;
        await page.GotoAsync("/llm-test");
        await Expect(page.GetByTestId("llm-status")).ToHaveTextAsync("ONLINE");

        await session.Backend.Ollama.StopAsync();

        // The page asks /api/llm/status again by itself every few seconds; no reload, no click.
        await Expect(page.GetByTestId("llm-status")).ToHaveTextAsync("OFFLINE");
        await Expect(page.GetByTestId("llm-status-reason")).Not.ToBeEmptyAsync();
        await session.ScreenshotAsync("llm-test-offline");
    }

    [Fact]
    public async Task An_error_from_the_backend_is_shown_in_words_a_person_can_act_on()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        await session.SignInAsync(role: "user");
        var page = session.Page;
        await page.GotoAsync("/llm-test");
        await Expect(page.GetByTestId("model-picker")).ToContainTextAsync("llama3.2:latest");
        session.Backend.Ollama.RemoveModel("llama3.2:latest");

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();

        // The backend's ProblemDetails.detail, which says how to get the model.
        await Expect(page.GetByTestId("error")).ToContainTextAsync("llama3.2:latest");
        await Expect(page.GetByTestId("error")).ToContainTextAsync("pull");
        await Expect(page.GetByTestId("generation-phase")).ToHaveTextAsync("Failed");
    }
}
