using Microsoft.Playwright;
using Ziggie.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ziggie.Tests.Browser;

/// <summary>One test's world: a fresh backend with its fake Ollama, the built front end in front of it, and a browser page.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string UserPassword = "a-long-test-password";

    private BrowserSession(TestBackend backend, FrontendSite site, IBrowserContext context, IPage page) =>
        (Backend, Site, Context, Page) = (backend, site, context, page);

    public TestBackend Backend { get; }
    public FrontendSite Site { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSession> StartAsync(BrowserFixture browser, params (string Key, string Value)[] settings)
    {
        var backend = await TestBackend.StartAsync(settings);
        var site = await FrontendSite.StartAsync(backend.Client.BaseAddress!, TestContext.Current.CancellationToken);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        // Uncaught errors reach the console with their stack, which PageError alone does not give.
        await context.AddInitScriptAsync("window.addEventListener('error', e => console.error('uncaught: ' + (e.error && e.error.stack || e.message)))");
        var page = await context.NewPageAsync();
        // What the page itself complained about goes into the test's output (events come on Playwright's thread, hence the capture).
        var output = TestContext.Current.TestOutputHelper;
        page.PageError += (_, error) => output?.WriteLine($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error") output?.WriteLine($"console: {message.Text}");
        };
        return new BrowserSession(backend, site, context, page);
    }

    /// <summary>Signs in through the sign-in page as the admin, or as a new user of <paramref name="role"/>.</summary>
    public async Task SignInAsync(string role = "admin", string? username = null)
    {
        var (name, password) = role == "admin" && username is null
            ? ("admin", TestBackend.AdminPassword)
            : (username ?? $"{role}-{Guid.NewGuid():N}"[..16], UserPassword);
        if (name != "admin") Backend.ClientFor(role, name);

        await Page.GotoAsync("/sign-in");
        await Page.GetByLabel("Username").FillAsync(name);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByTestId("signed-in-user")).ToContainTextAsync(name);
    }

    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        // The page as the test left it: the first thing to look at when a browser test fails.
        if (TestContext.Current.TestMethod?.MethodName is { } test)
        {
            await ScreenshotAsync(Path.Combine("last", test));
        }

        await Context.DisposeAsync();
        await Site.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
