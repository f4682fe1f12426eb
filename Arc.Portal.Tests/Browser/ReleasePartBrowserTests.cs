using Arc.Domain.Models;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 18 item 1, "Part Set": a catalogue administrator corrects one part number of a release from the releases page.</summary>
public sealed class ReleasePartBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_admin_sets_a_part_of_a_release_from_the_catalogue_and_sees_the_bill_change()
    {
        var portal = Fixture.Portal;
        var number = "B" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        int release;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
        {
            var sp = scope.ServiceProvider;
            await sp.GetRequiredService<CreatePart>().HandleAsync(new NewPart("LV", number, "A browser test LV part"));
            var used = (await sp.GetRequiredService<ListModels>().HandleAsync()).Select(m => m.LetterCode).ToList();
            var model = await sp.GetRequiredService<CreateModel>().HandleAsync(new NewModel($"Bench {Guid.NewGuid():N}"[..16],
                "AGHJKLMNPSUVWXYZ0123456789".First(c => !used.Contains(c.ToString())).ToString(), null));
            Dictionary<string, string?> bill;
            await using (var db = portal.CreateDb())
                bill = await db.ModelPartSet.Where(p => p.ModelReleaseId == 3 && db.Set<PartType>().Any(t => t.Name == p.PartType && t.Current))
                    .ToDictionaryAsync(p => p.PartType, p => (string?)p.PartNumber);
            release = await sp.GetRequiredService<CreateModelRelease>().HandleAsync(new NewModelRelease(model, "Bench release for parts", bill));
        }
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("model-releases");
        var row = page.GetByTestId("release-table").Locator("tbody tr", new() { HasText = "Bench release for parts" });
        await row.ClickAsync();
        await page.GetByTestId("release-set-part").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("release-part-type").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "LV", Exact = true }).ClickAsync();
        await dialog.GetByTestId("release-part-number").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = new(number) }).ClickAsync();
        await dialog.GetByTestId("release-part-save").ClickAsync();

        await Expect(page.GetByText($"Release {release} now lists {number} for LV (0 vehicle(s) of this release).")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("release-parts").Locator("tr", new() { HasText = "LV" }).First).ToContainTextAsync(number);
        await ScreenshotBothThemesAsync(page, "release-part-set");
    }
}
