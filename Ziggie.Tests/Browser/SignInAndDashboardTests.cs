using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ziggie.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class SignInAndDashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Signing_in_opens_the_dashboard_with_a_tile_per_service_and_live_system_stats()
    {
        await using var session = await BrowserSession.StartAsync(browser, ("Ziggie:System:StatsInterval", "00:00:00.300"));
        var page = session.Page;
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in$"));
        await session.ScreenshotAsync("sign-in");

        await session.SignInAsync();

        await Expect(page.GetByTestId("service-backend")).ToContainTextAsync("healthy");
        await Expect(page.GetByTestId("service-ollama")).ToContainTextAsync("healthy");
        await Expect(page.GetByTestId("service-ollama")).ToContainTextAsync(session.Backend.Ollama.BaseAddress.ToString());
        await Expect(page.GetByTestId("service-mongodb")).ToContainTextAsync("down");
        await Expect(page.GetByTestId("stats-socket")).ToHaveTextAsync("live");
        await Expect(page.GetByTestId("chart-cpu")).ToContainTextAsync("%");
        await Expect(page.GetByTestId("chart-cpu").Locator("polyline")).ToHaveCountAsync(1);
        await session.ScreenshotAsync("dashboard");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_backends_reason()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        var page = session.Page;

        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByTestId("error")).ToContainTextAsync("Incorrect username or password");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in$"));
    }

    [Fact]
    public async Task A_session_the_backend_no_longer_accepts_goes_back_to_sign_in_and_returns_after()
    {
        await using var session = await BrowserSession.StartAsync(browser);
        var page = session.Page;
        await page.GotoAsync("/sign-in");
        await page.EvaluateAsync("localStorage.setItem('ziggie.access_token', 'expired-or-forged')");

        await page.GotoAsync("/system");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in$"));
        await Expect(page.GetByText("Your session has expired")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('ziggie.access_token')"));

        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(Infrastructure.TestBackend.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/system$"));
    }
}
