using System.Text.RegularExpressions;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class VehicleBrowsingTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string FirstVin = DemoVins.First;

    [Fact]
    public async Task An_administrator_signs_in_searches_the_list_opens_a_vehicle_and_switches_tabs()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText($"{DemoData.VehicleCount} vehicles")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("env-badge")).ToHaveTextAsync("DEV");
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-list");

        await page.FillAsync("#vin-filter", "R00019");
        await Expect(page.GetByText("1 vehicle", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = FirstVin }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/vehicles/{FirstVin}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = FirstVin })).ToBeVisibleAsync();
        await Expect(page.GetByText("FUV: Original Manufactured").First).ToBeVisibleAsync();
        await Expect(page.GetByText("1 - Arcimoto")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Parts" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("\\?tab=parts$"));
        await Expect(page.GetByTestId("vehicle-parts")).ToContainTextAsync("001052");
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-parts");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Registration" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("\\?tab=registration$"));
        await Expect(page.GetByTestId("vehicle-registration")).ToContainTextAsync("iccid");

        // Reloading keeps the tab the address names.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("vehicle-registration")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_note_added_on_the_vehicle_page_appears_with_its_audit_event()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{FirstVin}?tab=notes");
        await page.FillAsync("#note-content", "Replaced the left mirror after a scrape.");
        await page.FillAsync("#note-tags", "service, body");
        await page.GetByTestId("add-note").ClickAsync();
        await Expect(page.GetByTestId("notes-list")).ToContainTextAsync("Replaced the left mirror after a scrape.");

        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("note.created");
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-history");
    }

    [Fact]
    public async Task An_empty_note_is_refused_with_a_message_and_nothing_is_saved()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var vin = "DEV-" + DemoData.MakeVin('T', 'M', 26);
        await page.GotoAsync($"vehicles/{vin}?tab=notes");
        await Expect(page.GetByText("Initial Parts Set")).ToBeVisibleAsync();
        await page.FillAsync("#note-content", "   ");
        await page.GetByTestId("add-note").ClickAsync();
        await Expect(page.GetByText("A note needs some text.")).ToBeVisibleAsync();
        await using var db = Fixture.Portal.CreateDb();
        Assert.Equal(1, db.NoteSet.Count(n => n.ObjectId == vin));
    }

    [Fact]
    public async Task Malformed_vins_unknown_tabs_and_hostile_searches_get_clear_messages()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);

        await page.GotoAsync("vehicles/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        await Expect(page.GetByTestId("vehicle-error")).ToContainTextAsync("17 characters");

        await page.GotoAsync("vehicles/DEV-7F7ATR310LER00019");
        await Expect(page.GetByTestId("vehicle-error")).ToContainTextAsync("check digit");

        await page.GotoAsync("vehicles/DEV-" + DemoData.MakeVin('T', 'L', 99999));
        await Expect(page.GetByTestId("vehicle-error")).ToContainTextAsync("does not exist");

        await page.GotoAsync($"vehicles/{FirstVin}?tab=secrets");
        await Expect(page.GetByTestId("unknown-tab")).ToContainTextAsync("There is no tab \"secrets\"");

        await page.GotoAsync("vehicles");
        await Expect(page.GetByText($"{DemoData.VehicleCount} vehicles")).ToBeVisibleAsync();
        await page.FillAsync("#vin-filter", "' OR 1=1 --");
        await Expect(page.GetByText("A VIN search may contain only letters, digits and '-'.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-vehicles")).ToBeVisibleAsync();
        await page.FillAsync("#vin-filter", new string('7', 30));
        await Expect(page.GetByText("A VIN search has at most 23 characters.")).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-search-error");
        await page.FillAsync("#vin-filter", "");
        await Expect(page.GetByText($"{DemoData.VehicleCount} vehicles")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_user_without_the_permission_is_refused_the_vehicle_list_and_does_not_see_it_in_the_menu()
    {
        await Fixture.Portal.CreateUserAsync("provisioner@arc.test", "provision");
        var page = await Fixture.SignInAsync("provisioner@arc.test", PortalServer.UserPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Vehicles" })).ToHaveCountAsync(0);

        await page.GotoAsync("vehicles");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await page.GotoAsync("audit");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await page.GotoAsync($"vehicles/{FirstVin}");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "access-denied");
    }

    [Fact]
    public async Task A_change_still_waiting_for_the_shadow_is_shown_on_the_vehicle_page_and_a_push_clears_it()
    {
        // What an IoT outage after a committed change leaves behind: a shadow update still waiting in the outbox.
        var vin = "DEV-" + DemoData.MakeVin('T', 'M', 54);
        await using (var db = Fixture.Portal.CreateDb())
        {
            db.SideEffectSet.Add(new Arc.Domain.SideEffects.SideEffect
            {
                Kind = Arc.Domain.SideEffects.SideEffectKinds.PublishShadow, Vin = vin, Actor = "system", Created = DateTimeOffset.UtcNow.AddMinutes(-20),
                NextAttempt = DateTimeOffset.UtcNow.AddMinutes(30), Attempts = 4,
                LastError = "Shadow update failed: the service did not complete the request. (reference 0123456789ab)",
            });
            await db.SaveChangesAsync();
        }
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=sync");
        await Expect(page.GetByTestId("pending-work")).ToContainTextAsync("Shadow update pending");
        await Expect(page.GetByTestId("pending-work")).ToContainTextAsync("4 failed attempts");
        await Expect(page.GetByTestId("pending-work")).ToContainTextAsync("reference 0123456789ab");
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-pending-work", fullPage: false);

        await page.GetByTestId("push-config").ClickAsync();
        await Expect(page.GetByTestId("pending-work")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await using (var db = Fixture.Portal.CreateDb())
            Assert.False(db.SideEffectSet.Any(p => p.Vin == vin));
    }

    [Fact]
    public async Task A_users_chosen_first_tab_opens_on_every_vehicle_page_unless_the_link_names_another()
    {
        await Fixture.Portal.CreateUserAsync("first-tab@arc.test", "support");
        var page = await Fixture.SignInAsync("first-tab@arc.test", PortalServer.UserPassword);
        await page.GotoAsync("profile");
        await page.GetByTestId("default-vehicle-tab").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Registration", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("default-vehicle-tab")).ToContainTextAsync("Registration");

        await page.GotoAsync($"vehicles/{FirstVin}");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Registration" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByTestId("vehicle-registration")).ToContainTextAsync("iccid");
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-preferred-tab");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-preferred-tab-dark");

        // A link that names a tab wins over the preference, and another vehicle opens on the preferred tab too.
        await page.GotoAsync($"vehicles/{FirstVin}?tab=parts");
        await Expect(page.GetByTestId("vehicle-parts")).ToBeVisibleAsync();
        await page.GotoAsync($"vehicles/DEV-{DemoData.MakeVin('T', 'M', 26)}");
        await Expect(page.GetByTestId("vehicle-registration")).ToBeVisibleAsync();

        // Cleared, the page opens on the portal's default tab again.
        await page.GotoAsync("profile");
        var choice = page.GetByTestId("default-vehicle-tab");
        // The profile has loaded the saved choice before the person reaches for its clear button.
        await Expect(choice).ToContainTextAsync("Registration");
        await choice.HoverAsync();
        await choice.Locator("xpath=following-sibling::button[@aria-label='Clear']").ClickAsync();
        await Expect(choice).Not.ToContainTextAsync("Registration");
        await page.GotoAsync($"vehicles/{FirstVin}");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Fleets" })).ToHaveAttributeAsync("aria-selected", "true");
    }
}
