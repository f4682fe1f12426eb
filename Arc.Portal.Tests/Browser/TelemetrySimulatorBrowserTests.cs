using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>A portal with the demo telemetry simulator on, writing into a database of its own (the other tests' data stays apart).</summary>
public sealed class PortalWithSimulator : IAsyncLifetime
{
    public PortalAndBrowser Inner { get; } = new();

    public Task InitializeAsync()
    {
        Inner.Portal.Settings["TelemetrySimulator:Enabled"] = "true";
        Inner.Portal.Settings["TelemetrySimulator:Interval"] = "00:00:02";
        Inner.Portal.Settings["TelemetrySimulator:History"] = "02:00:00";
        Inner.Portal.Settings["TelemetrySimulator:HistoryStep"] = "00:05:00";
        Inner.Portal.Settings["Telemetry:Database"] = "amtelemetry_simulated";
        return Inner.InitializeAsync();
    }

    public Task DisposeAsync() => Inner.DisposeAsync();
}

[Trait("Category", "Browser")]
public sealed class TelemetrySimulatorBrowserTests(PortalWithSimulator fixture, ITestOutputHelper output) : IClassFixture<PortalWithSimulator>, IDisposable
{
    public void Dispose() => BrowserTest.AssertNoServerErrors(fixture.Inner.Portal, output);

    [Fact]
    public async Task The_cards_change_as_the_simulated_vehicle_reports()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'M', 26);
        var page = await fixture.Inner.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        await Expect(page.GetByTestId("card-last-report")).Not.ToHaveTextAsync("never", new() { Timeout = 20_000 });
        var first = await page.GetByTestId("card-last-report").InnerTextAsync();
        await Expect(page.GetByTestId("card-odometer")).Not.ToHaveTextAsync("—");
        await Expect(page.GetByTestId("card-gps")).ToContainTextAsync("44.");

        // The cards refresh every 10 s; the simulator reports every 2 s.
        await Expect(page.GetByTestId("card-last-report")).Not.ToHaveTextAsync(first, new() { Timeout = 25_000 });
        await page.GetByTestId("range-1h").ClickAsync();
        var points = int.Parse(await page.GetByTestId("telemetry-chart").GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(points > 5, $"{points} points in the last hour");
    }
}
