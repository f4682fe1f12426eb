using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class ProvisioningBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_new_vehicle_is_provisioned_its_identity_downloaded_and_it_is_re_provisioned_keeping_the_pin()
    {
        var bare = DemoData.MakeVin('D', 'R', 77_001);
        var vin = "DEV-" + bare;
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GetByTestId("provision-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles/provision$"));

        await page.FillAsync("#provision-vin", bare[..16] + (bare[16] == '0' ? '1' : '0'));
        await Expect(page.GetByText("check digit", new() { Exact = false })).ToBeVisibleAsync();
        await page.FillAsync("#provision-vin", bare);
        await Expect(page.GetByText("Deliverator · model year 2024")).ToBeVisibleAsync();
        await page.GetByTestId("firmware-confirmed").ClickAsync();
        await page.GetByTestId("provision").ClickAsync();
        await Expect(page.GetByTestId("provisioned")).ToContainTextAsync($"{vin} provisioned");
        await Expect(page.GetByTestId("provision-steps")).ToContainTextAsync("Issue the device certificate");
        var pin = (await page.GetByTestId("provisioned-pin").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{6}$", pin);
        await PortalAndBrowser.ScreenshotAsync(page, "provisioned");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-identity").ClickAsync());
        Assert.Equal($"{vin}.identity.json", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        // Indented as in the bulk archive: a person can read it, a diff of two files makes sense.
        Assert.StartsWith($"{{\n  \"vin\": \"{vin}\",\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        using (var identity = JsonDocument.Parse(text))
        {
            Assert.Equal(vin, identity.RootElement.GetProperty("vin").GetString());
            Assert.Equal(pin, identity.RootElement.GetProperty("pin").GetString());
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", identity.RootElement.GetProperty("client_key").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", identity.RootElement.GetProperty("client_cert").GetString(), StringComparison.Ordinal);
        }

        // The vehicle is in the list, and its shadow becomes synchronized once the (simulated) vehicle reports.
        await page.GotoAsync($"vehicles?vin={bare[^6..]}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = vin })).ToBeVisibleAsync();
        await page.GotoAsync($"vehicles/{vin}?tab=sync");
        await Expect(page.GetByTestId("sync-status")).ToHaveTextAsync("Synchronized", new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Reported since" })).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-sync-headers", fullPage: false);

        // Re-provision from the vehicle page, keeping the PIN.
        await page.GetByTestId("reprovision").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Re-provision a vehicle" })).ToBeVisibleAsync();
        await page.GetByTestId("firmware-confirmed").ClickAsync();
        await page.GetByTestId("provision").ClickAsync();
        await Expect(page.GetByTestId("provisioned")).ToContainTextAsync($"{vin} re-provisioned");
        await Expect(page.GetByTestId("provisioned-pin")).ToHaveTextAsync(pin);
    }

    [Fact]
    public async Task Leaving_a_provisioned_vehicle_before_its_identity_file_is_downloaded_asks_first()
    {
        var bare = DemoData.MakeVin('D', 'R', 77_002);
        var vin = "DEV-" + bare;
        await Fixture.Portal.CreateUserAsync("keeper@arc.test", "support", "provision");
        var page = await Fixture.SignInAsync("keeper@arc.test", PortalServer.UserPassword);
        await page.GetByTestId("provision-link").ClickAsync();
        await page.FillAsync("#provision-vin", bare);
        await page.GetByTestId("firmware-confirmed").ClickAsync();
        await page.GetByTestId("provision").ClickAsync();
        await Expect(page.GetByTestId("provisioned")).ToContainTextAsync($"{vin} provisioned");

        var question = page.GetByRole(AriaRole.Dialog).GetByText("Leave without the identity file?");
        var stay = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Stay" });
        var drawerLink = page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Vehicles", Exact = true });
        await drawerLink.ClickAsync();
        await Expect(question).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "provision-leave-guard", fullPage: false);
        await stay.ClickAsync();
        await Expect(question).ToBeHiddenAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles/provision$"));
        await Expect(page.GetByTestId("provisioned")).ToBeVisibleAsync();
        await page.GetByTestId("theme-toggle").ClickAsync();
        await drawerLink.ClickAsync();
        await Expect(question).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "provision-leave-guard-dark", fullPage: false);
        await stay.ClickAsync();
        // The refused navigation has to be settled (dialog closed, address kept) before the next one starts.
        await Expect(question).ToBeHiddenAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles/provision$"));

        // Back and the page's own Done button ask as well.
        await page.GoBackAsync();
        await Expect(question).ToBeVisibleAsync();
        await stay.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles/provision$"));
        await page.GetByTestId("dismiss").ClickAsync();
        await Expect(question).ToBeVisibleAsync();
        await stay.ClickAsync();
        await Expect(page.GetByTestId("provisioned")).ToBeVisibleAsync();

        // Reloading or closing the tab gets the browser's own question; declining it keeps the page.
        var asked = new TaskCompletionSource<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            await dialog.DismissAsync();
        };
        await page.EvaluateAsync("() => { setTimeout(() => location.reload(), 0); }");
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        await Expect(page.GetByTestId("provisioned")).ToBeVisibleAsync();

        // Once the file is saved, leaving is quiet.
        await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-identity").ClickAsync());
        await drawerLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));
        await Expect(question).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_person_who_chooses_to_leave_without_the_identity_file_goes_where_they_clicked()
    {
        var vin = "DEV-" + DemoData.MakeVin('D', 'R', 77_003);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles/provision");
        await page.FillAsync("#provision-vin", vin);
        await page.GetByTestId("firmware-confirmed").ClickAsync();
        await page.GetByTestId("provision").ClickAsync();
        await Expect(page.GetByTestId("provisioned")).ToContainTextAsync($"{vin} provisioned");

        await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Audit Log", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByText("Leave without the identity file?")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Leave without it" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/audit$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // The vehicle was provisioned all the same; only the file is gone, so the page does not ask on the next visit.
        await page.GotoAsync($"vehicles/{vin}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = vin })).ToBeVisibleAsync();
        await page.GotoAsync("vehicles");
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));
    }

    [Fact]
    public async Task Unprovisioning_asks_first_and_removes_the_vehicle_from_the_list()
    {
        var vin = "DEV-" + DemoData.MakeVin('B', 'P', 180);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}");
        await page.GetByTestId("unprovision").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/vehicles/{vin}$"));
        await page.GetByTestId("unprovision").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Unprovision" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));
        await page.GotoAsync($"vehicles/{vin}");
        await Expect(page.GetByTestId("vehicle-error")).ToContainTextAsync("does not exist");
    }

    [Fact]
    public async Task A_file_of_fifty_vins_with_three_bad_rows_is_checked_confirmed_provisioned_and_its_identities_downloaded()
    {
        var good = Enumerable.Range(0, 47).Select(i => DemoData.MakeVin('T', 'N', 81_000 + i)).ToList();
        var wrongDigit = DemoData.MakeVin('T', 'N', 81_100);
        wrongDigit = wrongDigit[..8] + (wrongDigit[8] == '0' ? '1' : '0') + wrongDigit[9..];
        var twice = DemoData.MakeVin('T', 'N', 81_101);
        var rows = good.Take(20).Select(v => $"{v},3,true")
            .Append($"{wrongDigit},3,false")
            .Append($"{twice},3,false")
            .Append("=CMD|' /C calc'!A0,3,false")
            .Concat(good.Skip(20).Select(v => $"{v},3,false"))
            .Append($"dev-{twice.ToLowerInvariant()},3,true");
        var csv = "vin,model_release_id,heated_seats\n" + string.Join("\n", rows) + "\n";

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles");
        await page.GetByTestId("bulk-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bulk provisioning" })).ToBeVisibleAsync();
        // The page has rendered twice (recent files loaded), so the file input is wired to the circuit.
        await Expect(page.GetByTestId("no-bulk-jobs").Or(page.GetByTestId("bulk-jobs"))).ToBeVisibleAsync();

        // A file that is not such a table is refused with its reason.
        await page.GetByTestId("bulk-file").ChooseFileAsync(new FilePayload { Name = "wrong.csv", MimeType = "text/csv", Buffer = "serial,colour\n1,red\n"u8.ToArray() });
        await Expect(page.GetByTestId("bulk-error")).ToContainTextAsync("wrong.csv was not accepted: The header row must name vin and the model release");
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-upload-refused");

        await page.GetByTestId("bulk-file").ChooseFileAsync(new FilePayload { Name = "line-7.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await Expect(page.GetByTestId("bulk-dry-run")).ToContainTextAsync("47 vehicles will be provisioned; the 4 rejected rows will be skipped");
        await Expect(page.GetByTestId("count-total")).ToHaveTextAsync("51");
        await Expect(page.GetByTestId("count-rejected")).ToHaveTextAsync("4");
        await Expect(page.GetByTestId("row-22")).ToContainTextAsync("check digit");
        // A VIN given twice, once in lower case with its prefix: both rows are refused, each naming the other's line.
        await Expect(page.GetByTestId("row-23")).ToContainTextAsync($"VIN DEV-{twice} appears on lines 23 and 52");
        await Expect(page.GetByTestId("row-24")).ToContainTextAsync("formula");
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-dry-run");

        await page.GetByTestId("bulk-start").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Provision" }).ClickAsync();
        await Expect(page.GetByTestId("bulk-progress")).ToBeVisibleAsync();

        // Closing the browser does not stop the job: a new session finds it under recent files and sees it finish.
        await page.Context.CloseAsync();
        page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles/provision/bulk");
        await page.GetByTestId("bulk-jobs").GetByRole(AriaRole.Link, new() { Name = "line-7.csv" }).ClickAsync();
        await Expect(page.GetByTestId("count-succeeded")).ToHaveTextAsync("47", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("count-failed")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("row-2")).ToContainTextAsync("Provisioned");
        await Expect(page.GetByTestId("row-24")).ToContainTextAsync("formula");
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-finished");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("bulk-download").ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        using (var zip = System.IO.Compression.ZipFile.OpenRead((await download.PathAsync())!))
            Assert.Equal(good.Select(v => $"DEV-{v}.json").Order(), zip.Entries.Select(e => e.FullName).Order());

        // Only the failed rows filter, then the vehicle from a succeeded row.
        await page.GetByTestId("bulk-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "rejected" }).ClickAsync();
        await Expect(page.GetByTestId("bulk-rows").Locator("tbody tr")).ToHaveCountAsync(4);

        await page.GetByTestId("bulk-discard").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByTestId("bulk-purged")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("bulk-download")).ToHaveCountAsync(0);

        await page.GotoAsync($"vehicles?vin={good[30][^6..]}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "DEV-" + good[30] })).ToBeVisibleAsync();
    }
}
