using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 15: a location is created with a typed position, moved by a click on the map, edited, and found in the list.</summary>
public sealed class LocationBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_location_is_created_placed_on_the_map_edited_and_listed()
    {
        var portal = Fixture.Portal;
        var name = "Eugene depot " + Guid.NewGuid().ToString("N")[..4];
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("locations");
        await Expect(page.GetByTestId("location-table")).ToBeVisibleAsync();
        await ScreenshotBothThemesAsync(page, "locations-list");

        await page.GetByTestId("new-location").ClickAsync();
        await page.Locator("#location-name").FillAsync(name);
        await page.Locator("#location-street").FillAsync("Garfield");
        await page.Locator("#location-longitude").FillAsync("-123.0868");
        await page.Locator("#location-longitude").PressAsync("Tab");
        await page.Locator("#location-latitude").FillAsync("44.0521");
        await page.Locator("#location-latitude").PressAsync("Tab");
        await Expect(page.GetByTestId("location-map").Locator(".arc-track-here")).ToBeVisibleAsync();
        // The dialog's overlay covers the theme switch: the dialog is seen in the light theme only.
        await PortalAndBrowser.ScreenshotAsync(page, "location-new-dialog", fullPage: false);
        await page.GetByTestId("save-location").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/locations/\d+$"));
        var id = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("#location-latitude")).ToHaveValueAsync("44.0521");

        // Picking on the map: a click away from the marker moves the position there.
        var map = page.GetByTestId("location-map");
        var box = (await map.BoundingBoxAsync())!;
        await map.ClickAsync(new() { Position = new() { X = box.Width / 2 + 120, Y = box.Height / 2 - 80 } });
        await Expect(page.Locator("#location-latitude")).Not.ToHaveValueAsync("44.0521");
        var picked = decimal.Parse(await page.Locator("#location-latitude").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(picked, 44.0522m, 44.2m);
        await page.Locator("#location-city").FillAsync("Eugene");
        await page.GetByTestId("save-location").ClickAsync();
        await Expect(page.GetByText("Garfield, Eugene", new() { Exact = true })).ToBeVisibleAsync();
        await ScreenshotBothThemesAsync(page, "location-page");

        await using (var db = portal.CreateDb())
        {
            var row = await db.Set<Arc.Domain.Locations.Location>().AsNoTracking().SingleAsync(l => l.Id == id);
            Assert.Equal(("Eugene", "Garfield", picked), (row.City, row.StreetName, row.Latitude));
            Assert.True(row.Longitude > -123.0868m);
        }

        await page.GotoAsync("locations?q=" + Uri.EscapeDataString(name));
        var listed = page.GetByTestId("location-table").Locator("tbody tr", new() { HasText = name });
        await Expect(listed).ToContainTextAsync("Garfield, Eugene");
        await Expect(page.GetByTestId("location-table").Locator("tbody tr")).ToHaveCountAsync(1);
    }
}
