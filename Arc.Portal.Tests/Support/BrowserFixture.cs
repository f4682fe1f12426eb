using Microsoft.Playwright;

namespace Arc.Portal.Tests.Support;

/// <summary>Debian's Chromium, headless, driven by Playwright; one browser per test class, a fresh context per test.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotDirectory { get; } =
        Path.Combine(Arc.Infrastructure.DevServices.EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ARC_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The portal and a browser together, for tests that do what a person does.</summary>
public sealed class PortalAndBrowser : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    public PortalServer Portal { get; } = new();
    public BrowserFixture Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Portal.DisposeAsync();
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        lock (_contexts)
            _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes every page opened since the last call, as a person closes the tab: their circuits end, so pages of tests
    /// already finished neither keep the portal rendering live updates for them nor the browser painting them.
    /// </summary>
    public async Task ClosePagesAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in open)
            await context.CloseAsync();
    }

    public async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        // Signed in once the browser has left the sign-in page; what a test looks at next waits for the page it expects
        // (waiting for the next page's load event too failed under load at the start of a run).
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }

    /// <param name="fullPage">False for a long page: what is on screen, which is what a person looks at first.</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png");
        if (!fullPage)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            return;
        }
        // A full-page picture stretches the viewport to the page's height and puts it back, and Chromium can come out of
        // it with the page drawn at one scroll position and its input handled at another until the next input event.
        // A click then pressed the button under one and released over the other, so the button never got the click. The
        // page is scrolled back explicitly to where it was, and drawn twice, before the next step.
        var scroll = await page.EvaluateAsync<double[]>("() => [scrollX, scrollY]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        await page.EvaluateAsync("([x, y]) => new Promise(done => { scrollTo(x, y); requestAnimationFrame(() => requestAnimationFrame(done)); })", scroll);
    }
}
