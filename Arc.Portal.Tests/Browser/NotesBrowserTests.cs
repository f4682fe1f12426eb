using Arc.Domain.Fleets;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class NotesBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static async Task AddNoteAsync(IPage page, ILocator panel, string content, string tags)
    {
        await panel.Locator("textarea").FillAsync(content);
        await panel.Locator("input[id$='-tags']").FillAsync(tags);
        await panel.GetByTestId("add-note").ClickAsync();
        await Expect(panel.GetByTestId("notes-list")).ToContainTextAsync(content);
        await Expect(panel.Locator("textarea")).ToHaveValueAsync("");
        await Expect(page.GetByText("Note added.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_admin_adds_tagged_notes_on_a_fleet_and_a_user_filters_by_tag_and_deletes_one()
    {
        int fleetId;
        await using (var db = Fixture.Portal.CreateDb())
        {
            var fleet = new Fleet { Name = FleetTestData.NewFleetName("Harbour") };
            db.FleetSet.Add(fleet);
            await db.SaveChangesAsync();
            fleetId = fleet.Id;
        }
        var member = await Fixture.Portal.CreateUserAsync($"noted-{Guid.NewGuid():N}"[..14] + "@arc.test");

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"fleets/{fleetId}");
        var panel = page.GetByTestId("notes-panel");
        await Expect(panel.GetByTestId("no-notes")).ToBeVisibleAsync();

        // A refused note says why, on its field.
        await panel.GetByTestId("add-note").ClickAsync();
        await Expect(panel.GetByText("A note needs some text.")).ToBeVisibleAsync();

        await AddNoteAsync(page, panel, "Keys handed to the depot manager", "Delivery, #keys");
        await AddNoteAsync(page, panel, "<b>Tyre pressure</b> checked on all vehicles", "service");
        await Expect(panel.GetByTestId("note")).ToHaveCountAsync(2);
        await Expect(panel.GetByText("<b>Tyre pressure</b> checked on all vehicles")).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("note").First.GetByTestId("note-tag")).ToHaveTextAsync(["service"]);

        // Filter by tag: only the delivery note is left.
        await panel.GetByTestId("notes-tag-filter").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "keys", Exact = true }).ClickAsync();
        await Expect(panel.GetByTestId("note")).ToHaveCountAsync(1);
        await Expect(panel.GetByTestId("note-content")).ToHaveTextAsync("Keys handed to the depot manager");
        await Expect(panel.GetByTestId("note").GetByTestId("note-tag")).ToHaveTextAsync(["delivery", "keys"]);
        await panel.GetByTestId("notes-filters").ScrollIntoViewIfNeededAsync();
        await ScreenshotBothThemesAsync(page, "notes-fleet-filtered");

        // Delete it, after saying yes.
        await panel.GetByTestId("delete-note").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Keys handed to the depot manager");
        await PortalAndBrowser.ScreenshotAsync(page, "notes-delete-confirmation"); // the dialog covers the theme switch
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Note deleted.")).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("no-notes")).ToContainTextAsync("No notes match these filters.");

        // The deletion holds after a reload; the user's Notes tab has the same panel.
        await page.GotoAsync($"fleets/{fleetId}");
        await Expect(page.GetByTestId("notes-panel").GetByTestId("note")).ToHaveCountAsync(1);
        await page.GotoAsync($"users/{member}?tab=notes");
        var userPanel = page.GetByTestId("notes-panel");
        await Expect(userPanel.GetByTestId("no-notes")).ToBeVisibleAsync();
        await AddNoteAsync(page, userPanel, "Asked for a second key card", "access");
        await Expect(userPanel.GetByTestId("note-tag")).ToHaveTextAsync(["access"]);
        await ScreenshotBothThemesAsync(page, "notes-user-tab");

        // A vehicle's tab: the system's registration note reads apart from people's and has no delete button.
        await page.GotoAsync($"vehicles/{DemoVins.First}?tab=notes");
        var system = page.GetByTestId("note").Filter(new() { HasText = "Initial Parts Set" });
        await Expect(system.GetByTestId("note-system")).ToBeVisibleAsync();
        await Expect(system.GetByTestId("delete-note")).ToHaveCountAsync(0);
        await ScreenshotBothThemesAsync(page, "notes-vehicle-tab");
    }
}
