using System.Text.Json;
using Arc.Domain.Alarms;
using Arc.Infrastructure.DevServices;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>
/// Every page, in the light and the dark theme, checked by axe-core (the engine browsers' own accessibility tools use)
/// against WCAG 2.1 A and AA: no serious or critical violation.
/// </summary>
public sealed class AccessibilityBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(
        EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory), "tools", "node_modules", "axe-core", "axe.min.js")));

    private static readonly string Vin = DemoVins.First;

    /// <summary>The pages a signed-in administrator reaches; each vehicle tab is a page of its own to a person.</summary>
    private static IEnumerable<string> SignedInPages(string username, int recallId, int campaignId) =>
    [
        "vehicles", "vehicles/map", "vehicles/provision", "vehicles/provision/bulk",
        .. new[] { "authorities", "fleets", "alarms", "notes", "parts", "quality", "pin", "registration", "sync", "telemetry", "history" }.Select(t => $"vehicles/{Vin}?tab={t}"),
        "users", "users/new", $"users/{username}", "permission-groups", "permission-groups/2", "authorities", "authorities/1",
        "audit", "mail", "telemetry/definitions", "fleets", "fleets/1", "fleets/1/trips", "fleets/1/dashboard", "my-fleets", "intake", "alarms", "alarms/rules",
        "recalls", $"recalls/{recallId}", "firmware/campaigns", $"firmware/campaigns/{campaignId}", "credentials", "profile", "abilities", "access-denied", "not-found",
    ];

    private static readonly string[] AnonymousPages = ["account/login", "account/forgot-password"];

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation(string theme)
    {
        var email = $"a11y-{theme}@arc.test";
        var username = await Fixture.Portal.CreateUserAsync(email, "all");
        var anonymous = await Fixture.NewPageAsync();
        await ChooseThemeAsync(anonymous, theme);
        var found = new List<string>();
        foreach (var path in AnonymousPages)
            found.AddRange(await CheckAsync(anonymous, path, theme));

        await SeedOperationsAsync();
        var (recallId, _) = await RecallTestData.CreateAsync(Fixture.Portal, $"Accessibility {theme} brake fittings", Arc.Domain.Recalls.RemedyType.Both);
        var page = await Fixture.SignInAsync(email, PortalServer.UserPassword);
        await ChooseThemeAsync(page, theme);
        var campaignId = await CampaignScenarios.PausedByHealthGateAsync(Fixture.Portal, $"Accessibility {theme} display");
        foreach (var path in SignedInPages(username, recallId, campaignId))
            found.AddRange(await CheckAsync(page, path, theme));

        Assert.True(found.Count == 0, $"{found.Count} serious or critical violations:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_alarm_rule_dialog_with_its_field_errors_has_no_serious_or_critical_accessibility_violation(string theme)
    {
        var email = $"a11y-rule-{theme}@arc.test";
        await Fixture.Portal.CreateUserAsync(email, "all");
        var page = await Fixture.SignInAsync(email, PortalServer.UserPassword);
        await ChooseThemeAsync(page, theme);
        await OpenAsync(page, "alarms/rules", theme);
        await page.GetByTestId("new-rule").ClickAsync();
        await page.GetByTestId("save-rule").ClickAsync();
        await Expect(page.GetByTestId("alarm-rule-form")).ToContainTextAsync("A rule needs a name.");

        var found = await AxeAsync(page, theme, "alarms/rules (new rule dialog)");
        await PortalAndBrowser.ScreenshotAsync(page, $"a11y-{theme}-alarm-rule-dialog", fullPage: false);
        Assert.True(found.Count == 0, $"{found.Count} serious or critical violations:\n" + string.Join("\n", found));
    }

    /// <summary>Alarms and intake records, so their pages are checked with rows, chips and buttons rather than empty.</summary>
    private async Task SeedOperationsAsync()
    {
        var portal = Fixture.Portal;
        foreach (var severity in AlarmSeverities.All)
            await OperationsTestData.AlarmAsync(portal, Vin, severity, acknowledged: severity == AlarmSeverities.Minor);
        await OperationsTestData.VehicleStatsAsync(portal, Vin, 1_250);
        await OperationsTestData.RefusalAsync(portal, Vin, "The timestamp is 3 h ahead of the portal's clock.", "{\"vin\":\"" + Vin + "\",\"data\":[]}");
        await OperationsTestData.DeadLetterAsync(portal, Vin);
        // An inspection, so the quality tab is checked with its table, chip and the list of components not current.
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        await scope.ServiceProvider.GetRequiredService<Arc.Domain.Models.RecordQualityInspection>()
            .HandleAsync(new Arc.Domain.Models.QualityInspectionRequest(Vin, false, "Mirror bracket loose; firmware to be flashed"));
    }

    /// <summary>The theme a person chose earlier, as the browser keeps it (the toggle writes this cookie).</summary>
    private Task ChooseThemeAsync(IPage page, string theme) => page.Context.AddCookiesAsync(
        [new Cookie { Name = Arc.Portal.Components.ThemeState.CookieName, Value = theme, Url = Fixture.Portal.BaseAddress.ToString() }]);

    private static async Task<IReadOnlyList<string>> CheckAsync(IPage page, string path, string theme)
    {
        await OpenAsync(page, path, theme);
        var found = await AxeAsync(page, theme, path);
        var name = path.Split('/') is ["users", var id] && Guid.TryParse(id, out _) ? "users-self" : path.Replace('/', '-').Replace('?', '-').Replace('=', '-');
        await PortalAndBrowser.ScreenshotAsync(page, $"a11y-{theme}-{name}", fullPage: false);
        return found;
    }

    private static async Task OpenAsync(IPage page, string path, string theme)
    {
        await page.GotoAsync(path);
        await Expect(page.Locator("h1, h2, h3, h4, h5, h6").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var dark = new System.Text.RegularExpressions.Regex("arc-dark");
        if (theme == "dark")
            await Expect(page.Locator("html")).ToHaveClassAsync(dark);
        else
            await Expect(page.Locator("html")).Not.ToHaveClassAsync(dark);
    }

    private static async Task<IReadOnlyList<string>> AxeAsync(IPage page, string theme, string what)
    {
        await page.EvaluateAsync(Axe.Value);
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
                return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x) e.g. ${v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' [' + (n.any[0]?.message ?? '') + ']').join(' | ')}`);
            }
            """);
        return result.EnumerateArray().Select(v => $"[{theme}] /{what}: {v.GetString()}").ToList();
    }
}
