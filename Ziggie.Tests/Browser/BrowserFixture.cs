using Microsoft.Playwright;

namespace Ziggie.Tests.Browser;

/// <summary>
/// One headless Chromium for all the browser classes of a run (each test gets its own context, so no
/// cookies or storage leak between tests; starting Chromium costs seconds on two cores). The system's /usr/bin/chromium: Playwright's own browser download fails here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("ZIGGIE_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {executable}, which is missing. Run `bash .ci/run` (it installs it), " +
                "or `apt-get install -y chromium`, or point ZIGGIE_CHROMIUM at a Chromium or Chrome binary.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>Browser classes run one after another: two Chromiums at once on two cores only slow each other.</summary>
    public const string Name = "Browser";
}
