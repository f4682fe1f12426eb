using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Recalls;
using Arc.Portal.Components.Vehicles;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>Adding vehicles to a recall through its dry run, and the vehicle page's Recalls tab.</summary>
public sealed class RecallVehicleAddComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly string[] Desk = [Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleAdd, Perm.RecallVehicleService];

    /// <summary>Opens the Add vehicles dialog on an empty recall's page.</summary>
    private static IRenderedComponent<MudDialogProvider> OpenAdd(BunitContext ctx, int id)
    {
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-recall-vehicles]"), Wait);
        cut.Find("[data-testid=add-recall-vehicles]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#recall-add-vins"), Wait);
        return dialogs;
    }

    private static string Problems(IRenderedComponent<MudDialogProvider> dialogs)
    {
        var text = "";
        dialogs.WaitForAssertion(() => text = dialogs.Find("[data-testid=recall-add-problems]").TextContent, Wait);
        Assert.Empty(dialogs.FindAll("[data-testid=recall-add-apply]"));
        return text;
    }

    [Fact]
    public async Task A_bad_list_shows_every_problem_at_once_offers_no_add_and_a_clean_list_is_added()
    {
        var (id, number) = await RecallTestData.CreateAsync(portal, "Add by list");
        var vins = await RecallTestData.AddVehiclesAsync(portal, 3);
        await RecallTestData.AddToRecallAsync(portal, id, [vins[0]]);
        var unknown = RecallTestData.NewVin();
        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var dialogs = OpenAdd(ctx, id);

        dialogs.Find("#recall-add-vins").Input($"{vins[0]}\n{vins[1]}, NOT-A-VIN\n{unknown}\n{vins[1]}");
        dialogs.Find("[data-testid=recall-add-check]").Click();
        var problems = Problems(dialogs);
        Assert.Contains("4 problems found; nothing will be added", problems, StringComparison.Ordinal);
        Assert.Contains($"Line 1: {vins[0]} is in recall {number} already.", problems, StringComparison.Ordinal);
        Assert.Contains("'NOT-A-VIN'", problems, StringComparison.Ordinal);
        Assert.Contains($"no vehicle {unknown} is provisioned", problems, StringComparison.Ordinal);
        Assert.Contains($"{vins[1]} is listed 2 times (lines 2 and 4)", problems, StringComparison.Ordinal);

        // A CSV whose cell a spreadsheet would run is refused, whichever column holds it.
        dialogs.Find("#recall-add-vins").Input($"vin,dealer\n{vins[1]},=HYPERLINK(\"http://evil.test\")\n{vins[2]},Main St");
        // Editing the list drops the check made for the old one.
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=recall-add-plan]")), Wait);
        dialogs.Find("[data-testid=recall-add-check]").Click();
        var formula = Problems(dialogs);
        Assert.True(formula.Contains("Line 2: '=HYPERLINK(", StringComparison.Ordinal) && formula.Contains("starts with =", StringComparison.Ordinal), formula);
        Assert.Single(await RecallTestData.EntriesAsync(portal, id));

        dialogs.Find("#recall-add-vins").Input($"vin,dealer\n{vins[1]},North\n{vins[2]},Main St");
        dialogs.Find("[data-testid=recall-add-check]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("2 vehicles will be added", dialogs.Find("[data-testid=recall-add-ready]").TextContent, StringComparison.Ordinal), Wait);
        dialogs.Find("[data-testid=recall-add-apply]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#recall-add-vins")), Wait);
        var stored = await RecallTestData.EntriesAsync(portal, id);
        Assert.Equal(3, stored.Count);
        Assert.All(stored.Values, e => Assert.Equal(RecallVehicleStatus.Open, e.Status));
    }

    [Fact]
    public async Task An_oversized_paste_is_refused_with_its_limit_and_nothing_is_added()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Oversized paste");
        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var dialogs = OpenAdd(ctx, id);

        dialogs.Find("#recall-add-vins").Input(new string('A', RecallVinList.MaxBytes + 1));
        dialogs.Find("[data-testid=recall-add-check]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("A VIN list holds at most 8,192 KB.", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(dialogs.FindAll("[data-testid=recall-add-apply]"));
        Assert.Empty(await RecallTestData.EntriesAsync(portal, id));
    }

    // A test of its own, not a second step of the one above: with 8 MB in the text field every render of the dialog is
    // 8 MB of markup for the test to parse, and as a second step this wait timed out on a loaded machine.
    [Fact]
    public async Task An_oversized_file_is_refused_with_its_limit_and_nothing_is_added()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Oversized file");
        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var dialogs = OpenAdd(ctx, id);

        dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(new string('a', RecallVinList.MaxBytes + 1), "everything.csv"));
        dialogs.WaitForAssertion(() => Assert.Contains("everything.csv is larger than 8 MB", dialogs.Find("[data-testid=recall-add-file-error]").TextContent,
            StringComparison.Ordinal), Wait);
        Assert.Empty(dialogs.FindAll("[data-testid=recall-add-apply]"));
        Assert.Empty(await RecallTestData.EntriesAsync(portal, id));
    }

    [Fact]
    public async Task A_csv_file_is_checked_as_soon_as_it_is_chosen()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Add by file");
        var vins = await RecallTestData.AddVehiclesAsync(portal, 2);
        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var dialogs = OpenAdd(ctx, id);
        dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText($"\uFEFFVIN\n{vins[0]}\n{vins[1]}\n", "affected.csv"));
        dialogs.WaitForAssertion(() => Assert.Contains("2 vehicles will be added", dialogs.Find("[data-testid=recall-add-ready]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(await RecallTestData.EntriesAsync(portal, id));
    }

    [Fact]
    public async Task The_recalls_tab_is_registered_for_readers_of_recall_vehicles_only()
    {
        Assert.Contains(VehicleTabs.VisibleWith(new HashSet<string> { Perm.RecallVehicleRead }), r => r.Tab.Key == "recalls");
        Assert.DoesNotContain(VehicleTabs.VisibleWith(new HashSet<string> { Perm.VehicleRead, Perm.RecallRead }), r => r.Tab.Key == "recalls");
        var vins = await RecallTestData.AddVehiclesAsync(portal, 1);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallVehicleRead);
        var cut = ctx.RenderWithProviders<VehicleRecallsTab>(p => p.Add(c => c.Vin, vins[0]));
        cut.WaitForAssertion(() => Assert.Equal("This vehicle is in no active recall.", cut.Find("[data-testid=no-vehicle-recalls]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task The_recalls_tab_lists_the_vehicles_recalls_and_services_an_open_one_from_there()
    {
        var (first, firstNumber) = await RecallTestData.CreateAsync(portal, "Tab first", RemedyType.OverTheAir);
        var (second, secondNumber) = await RecallTestData.CreateAsync(portal, "Tab second", RemedyType.DealerRepair);
        var vin = (await RecallTestData.AddVehiclesAsync(portal, 1))[0];
        await RecallTestData.AddToRecallAsync(portal, first, [vin]);
        await RecallTestData.AddToRecallAsync(portal, second, [vin]);
        await RecallTestData.EditEntryAsync(portal, first, vin, new RecallVehicleDraft(RecallVehicleStatus.Remedied, new DateOnly(2024, 1, 9), "OTA 4.2"));

        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.RecallVehicleRead))
        {
            var view = reader.RenderWithProviders<VehicleRecallsTab>(p => p.Add(c => c.Vin, vin));
            view.WaitForAssertion(() => Assert.Equal(2, view.FindAll("[data-testid=vehicle-recall-row]").Count), Wait);
            Assert.Empty(view.FindAll("[data-testid=vehicle-recall-service]"));
            Assert.Empty(view.FindAll("[data-testid=vehicle-recalls] a"));
        }

        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<VehicleRecallsTab>(p => p.Add(c => c.Vin, vin));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=vehicle-recall-row]").Count), Wait);
        var rows = cut.FindAll("[data-testid=vehicle-recall-row]");
        var remedied = rows.Single(r => r.TextContent.Contains(firstNumber, StringComparison.Ordinal));
        Assert.Contains("Remedied", remedied.TextContent, StringComparison.Ordinal);
        Assert.Contains("OTA 4.2", remedied.TextContent, StringComparison.Ordinal);
        Assert.Equal($"recalls/{first}", remedied.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(remedied.QuerySelector("[data-testid=vehicle-recall-service]"));

        rows.Single(r => r.TextContent.Contains(secondNumber, StringComparison.Ordinal)).QuerySelector("[data-testid=vehicle-recall-service]")!.Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#recall-service-reference"), Wait);
        dialogs.Find("#recall-service-reference").Change("WO-12");
        dialogs.Find("form#recall-service-form").Submit();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=vehicle-recall-service]")), Wait);
        var entry = (await RecallTestData.EntriesAsync(portal, second))[vin];
        Assert.Equal((RecallVehicleStatus.Remedied, "WO-12", DateOnly.FromDateTime(DateTime.UtcNow)), (entry.Status, entry.ServiceReference, entry.ServiceDate));
    }
}
