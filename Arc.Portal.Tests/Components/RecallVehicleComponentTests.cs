using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Recalls;
using Arc.Portal.Tests.Support;
using Bunit;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The affected vehicles of a recall on its page: the table, its filters, and each change with its permission and its refusals.</summary>
public sealed class RecallVehicleComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly string[] Desk =
    [
        Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleAdd, Perm.RecallVehicleEdit, Perm.RecallVehicleRemove, Perm.RecallVehicleService,
    ];
    private static readonly string[] Buttons = ["add-recall-vehicles", "select-recall-vehicle", "edit-recall-vehicle", "remove-recall-vehicle"];

    /// <summary>A recall of the test's own with <paramref name="count"/> provisioned vehicles in it, open.</summary>
    private async Task<(int Id, string Number, List<string> Vins)> RecallWithVehiclesAsync(string title, int count)
    {
        var (id, number) = await RecallTestData.CreateAsync(portal, title, RemedyType.DealerRepair);
        var vins = (await RecallTestData.AddVehiclesAsync(portal, count)).Order(StringComparer.Ordinal).ToList();
        await RecallTestData.AddToRecallAsync(portal, id, vins);
        return (id, number, vins);
    }

    private static IRenderedComponent<RecallPage> Page(BunitContext ctx, int id)
    {
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=recall-vehicle-table] tbody tr [data-testid=recall-vehicle-status]")), Wait);
        return cut;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<RecallPage> cut, string vin) =>
        cut.FindAll("[data-testid=recall-vehicle-table] tbody tr").Single(r => r.TextContent.Contains(vin, StringComparison.Ordinal));

    /// <summary>Clicks a row's button at once, so a table drawn again meanwhile cannot take the handler away.</summary>
    private static Task ClickAsync(IRenderedComponent<RecallPage> cut, string vin, string testId) =>
        cut.InvokeAsync(() => Row(cut, vin).QuerySelector($"[data-testid={testId}]")!.Click());

    internal static AngleSharp.Dom.IElement Input(AngleSharp.Dom.IElement element) =>
        element.TagName == "INPUT" ? element : element.QuerySelector("input")!;

    [Theory]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallVehicleRead }, new string[0])]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleAdd }, new[] { "add-recall-vehicles" })]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleService }, new[] { "select-recall-vehicle" })]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleEdit }, new[] { "edit-recall-vehicle" })]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleRemove }, new[] { "remove-recall-vehicle" })]
    public async Task Each_change_is_offered_only_with_the_permission_its_use_case_asks_for(string[] permissions, string[] shown)
    {
        var (id, _, _) = await RecallWithVehiclesAsync("Vehicle buttons", 1);
        await using var ctx = await ComponentHost.CreateAsync(portal, permissions);
        var cut = Page(ctx, id);
        foreach (var button in Buttons)
            Assert.Equal(shown.Contains(button), cut.FindAll($"[data-testid={button}]").Count == 1);
        // Reading is enough to export what is shown.
        Assert.Single(cut.FindAll("[data-testid=recall-vehicles] [data-testid=export-csv]"));
    }

    [Fact]
    public async Task Without_the_vehicle_read_permission_the_recall_page_has_no_vehicle_panel()
    {
        var (id, _, _) = await RecallWithVehiclesAsync("No vehicle panel", 1);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead, Perm.RecallVehicleAdd);
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=recall-facts]"), Wait);
        Assert.Empty(cut.FindAll("[data-testid=recall-vehicles]"));
    }

    [Fact]
    public async Task The_table_shows_each_status_with_its_details_and_filters_by_status_and_vin()
    {
        var (id, _, vins) = await RecallWithVehiclesAsync("Vehicle table", 3);
        await RecallTestData.EditEntryAsync(portal, id, vins[0], new RecallVehicleDraft(RecallVehicleStatus.Remedied, new DateOnly(2024, 3, 5), "WO-4471"));
        await RecallTestData.EditEntryAsync(portal, id, vins[1],
            new RecallVehicleDraft(RecallVehicleStatus.Unreachable, UnreachableReason: UnreachableReason.Other, ReasonNote: "Shipped abroad"));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead, Perm.RecallVehicleRead);
        var cut = Page(ctx, id);

        Assert.Equal("3 vehicles: 1 open, 1 remedied, 0 inspected, no remedy needed, 1 unreachable", cut.Find("[data-testid=recall-vehicle-counts]").TextContent.Trim());
        Assert.Contains("Remedied", Row(cut, vins[0]).TextContent, StringComparison.Ordinal);
        Assert.Contains("2024-03-05", Row(cut, vins[0]).TextContent, StringComparison.Ordinal);
        Assert.Contains("WO-4471", Row(cut, vins[0]).TextContent, StringComparison.Ordinal);
        Assert.Contains("Other: Shipped abroad", Row(cut, vins[1]).TextContent, StringComparison.Ordinal);
        Assert.Contains("Open", Row(cut, vins[2]).TextContent, StringComparison.Ordinal);

        var select = cut.FindComponents<MudSelect<RecallVehicleStatus?>>().Single();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(RecallVehicleStatus.Remedied));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=recall-vehicle-table] tbody tr [data-testid=recall-vehicle-status]")), Wait);
        Assert.Contains(vins[0], cut.Find("[data-testid=recall-vehicle-table] tbody").TextContent, StringComparison.Ordinal);
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(null));

        cut.Find("#recall-vehicle-search").Input(vins[2][^8..]);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=recall-vehicle-table] tbody tr [data-testid=recall-vehicle-status]")), Wait);
        Assert.Contains(vins[2], cut.Find("[data-testid=recall-vehicle-table] tbody").TextContent, StringComparison.Ordinal);

        // A search no VIN could match is refused with the reason, not an empty table.
        cut.Find("#recall-vehicle-search").Input("<script>");
        cut.WaitForAssertion(() => Assert.Contains("letters, digits and '-' only", cut.Find("[data-testid=recall-vehicles-error]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_deleted_recall_shows_its_vehicles_with_nothing_that_changes_them()
    {
        var (id, _, vins) = await RecallWithVehiclesAsync("Deleted vehicles", 2);
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<DeleteRecall>().HandleAsync(id);
        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var cut = Page(ctx, id);
        Assert.Equal(2, cut.FindAll("[data-testid=recall-vehicle-table] tbody tr [data-testid=recall-vehicle-status]").Count);
        Assert.Contains(vins[1], cut.Find("[data-testid=recall-vehicle-table]").TextContent, StringComparison.Ordinal);
        foreach (var button in Buttons)
            Assert.Empty(cut.FindAll($"[data-testid={button}]"));
    }

    [Fact]
    public async Task Without_a_remedy_no_vehicle_is_offered_for_service_and_the_page_says_why()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "No remedy yet");
        var vins = await RecallTestData.AddVehiclesAsync(portal, 1);
        await RecallTestData.AddToRecallAsync(portal, id, vins);
        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var cut = Page(ctx, id);
        Assert.Contains("once the recall has its remedy", cut.Find("[data-testid=service-needs-remedy]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=select-recall-vehicle]"));
        Assert.Single(cut.FindAll("[data-testid=edit-recall-vehicle]"));
    }

    [Fact]
    public async Task Selected_vehicles_are_serviced_at_once_after_a_future_date_is_refused_with_nothing_changed()
    {
        var (id, _, vins) = await RecallWithVehiclesAsync("Service many", 3);
        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = Page(ctx, id);
        Assert.Empty(cut.FindAll("[data-testid=service-selected]"));
        await cut.InvokeAsync(() => Input(Row(cut, vins[0]).QuerySelector("[data-testid=select-recall-vehicle]")!).Change(true));
        await cut.InvokeAsync(() => Input(Row(cut, vins[2]).QuerySelector("[data-testid=select-recall-vehicle]")!).Change(true));
        cut.WaitForAssertion(() => Assert.Equal("Service 2 vehicles", cut.Find("[data-testid=service-selected]").TextContent.Trim()), Wait);
        cut.Find("[data-testid=service-selected]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#recall-service-date"), Wait);

        dialogs.Find("#recall-service-date").Change(DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        dialogs.Find("#recall-service-reference").Change("WO-881");
        dialogs.Find("form#recall-service-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("The service date cannot be in the future.", dialogs.Find("[data-testid=recall-service-form]").TextContent,
            StringComparison.Ordinal), Wait);
        Assert.All((await RecallTestData.EntriesAsync(portal, id)).Values, e => Assert.Equal(RecallVehicleStatus.Open, e.Status));

        dialogs.Find("#recall-service-date").Change("2024-03-05");
        dialogs.Find("form#recall-service-form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("WO-881", Row(cut, vins[2]).TextContent, StringComparison.Ordinal), Wait);
        var stored = await RecallTestData.EntriesAsync(portal, id);
        Assert.Equal((RecallVehicleStatus.Remedied, new DateOnly(2024, 3, 5), "WO-881"),
            (stored[vins[0]].Status, stored[vins[0]].ServiceDate, stored[vins[0]].ServiceReference));
        Assert.Equal(RecallVehicleStatus.Remedied, stored[vins[2]].Status);
        Assert.Equal(RecallVehicleStatus.Open, stored[vins[1]].Status);
        // A remedied vehicle is not offered for servicing again.
        Assert.Null(Row(cut, vins[0]).QuerySelector("[data-testid=select-recall-vehicle]"));
    }

    [Fact]
    public async Task An_entry_made_unreachable_needs_its_reason_and_a_removal_asks_first()
    {
        var (id, number, vins) = await RecallWithVehiclesAsync("Edit and remove", 2);
        await using var ctx = await ComponentHost.CreateAsync(portal, Desk);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = Page(ctx, id);

        await ClickAsync(cut, vins[0], "edit-recall-vehicle");
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=recall-vehicle-status-Unreachable]"), Wait);
        dialogs.Find("[data-testid=recall-vehicle-status-Unreachable]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#recall-vehicle-note"), Wait);
        dialogs.Find("form#recall-vehicle-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("Say why the vehicle is unreachable", dialogs.Find("[data-testid=recall-vehicle-form]").TextContent,
            StringComparison.Ordinal), Wait);
        var reason = dialogs.FindComponents<MudSelect<UnreachableReason?>>().Single();
        await dialogs.InvokeAsync(() => reason.Instance.ValueChanged.InvokeAsync(UnreachableReason.Other));
        dialogs.Find("form#recall-vehicle-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("needs that reason in words", dialogs.Find("[data-testid=recall-vehicle-form]").TextContent,
            StringComparison.Ordinal), Wait);
        Assert.Equal(RecallVehicleStatus.Open, (await RecallTestData.EntriesAsync(portal, id))[vins[0]].Status);

        dialogs.Find("#recall-vehicle-note").Change("Shipped to a buyer abroad");
        dialogs.Find("form#recall-vehicle-form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Other: Shipped to a buyer abroad", Row(cut, vins[0]).TextContent, StringComparison.Ordinal), Wait);
        var entry = (await RecallTestData.EntriesAsync(portal, id))[vins[0]];
        Assert.Equal((RecallVehicleStatus.Unreachable, UnreachableReason.Other), (entry.Status, entry.UnreachableReason));

        await ClickAsync(cut, vins[1], "remove-recall-vehicle");
        dialogs.WaitForAssertion(() => Assert.Contains($"Remove {vins[1]} from recall {number}?", dialogs.Markup, StringComparison.Ordinal), Wait);
        AlarmComponentTests.Button(dialogs, "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("from recall", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.True((await RecallTestData.EntriesAsync(portal, id)).ContainsKey(vins[1]));

        await ClickAsync(cut, vins[1], "remove-recall-vehicle");
        dialogs.WaitForAssertion(() => AlarmComponentTests.Button(dialogs, "Remove"), Wait);
        AlarmComponentTests.Button(dialogs, "Remove").Click();
        cut.WaitForAssertion(() => Assert.DoesNotContain(vins[1], cut.Find("[data-testid=recall-vehicle-table]").TextContent, StringComparison.Ordinal), Wait);
        Assert.False((await RecallTestData.EntriesAsync(portal, id)).ContainsKey(vins[1]));
    }
}
