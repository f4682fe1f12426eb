using Arc.Domain.Alarms;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Integration.Intake;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The alarm centre, a vehicle's Alarms tab and the app-bar badge: what a person sees of the alarms and may do with them.</summary>
public sealed class AlarmComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_vehicles_alarms_tab_shows_its_own_alarms_with_severity_status_and_counts()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        var other = await IntakeTestData.NewVehicleAsync(portal);
        var mine = await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Critical, details: "hv_fault reported 3");
        var theirs = await OperationsTestData.AlarmAsync(portal, other, AlarmSeverities.Critical);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AlarmRead);

        var cut = ctx.RenderWithProviders<VehicleAlarmsTab>(p => p.Add(c => c.Vin, vin));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains(mine.RuleName, cut.Find("[data-testid=alarm-table]").TextContent, StringComparison.Ordinal);
            Assert.Equal("Critical: 1 active", cut.Find("[data-testid=count-critical]").TextContent.Trim());
        }, Wait);
        var row = Assert.Single(cut.FindAll("[data-testid=alarm-table] tbody tr"));
        Assert.DoesNotContain(theirs.RuleName, cut.Markup, StringComparison.Ordinal);
        Assert.Contains("hv_fault reported 3", row.TextContent, StringComparison.Ordinal);
        var severity = row.QuerySelector("td[data-label=Severity] .mud-chip")!;
        Assert.Equal("Critical", severity.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", severity.ClassName, StringComparison.Ordinal);
        Assert.Equal("Active, unacknowledged", row.QuerySelector("[data-testid=alarm-status]")!.TextContent.Trim());
        // The tab is about one vehicle: no VIN column, no VIN filter.
        Assert.DoesNotContain(cut.FindAll("th"), th => th.TextContent.Trim() == "VIN");
        Assert.Empty(cut.FindAll("#alarm-vin"));
        Assert.Equal("Critical: 1 active", cut.Find("[data-testid=count-critical]").TextContent.Trim());
        Assert.Equal("Major: 0 active", cut.Find("[data-testid=count-major]").TextContent.Trim());
        Assert.Equal("Active, unacknowledged: 1", cut.Find("[data-testid=count-active_unack]").TextContent.Trim());
    }

    [Fact]
    public async Task A_vehicle_without_alarms_says_so_and_counts_nothing()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AlarmRead);

        var cut = ctx.RenderWithProviders<VehicleAlarmsTab>(p => p.Add(c => c.Vin, vin));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("No alarm matches these filters.", cut.Find("[data-testid=no-alarms]").TextContent.Trim());
            Assert.NotEmpty(cut.FindAll("[data-testid=alarm-counts]"));
        }, Wait);
        Assert.All(AlarmSeverities.All, s => Assert.EndsWith(": 0 active", cut.Find($"[data-testid=count-{s}]").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acknowledge_and_clear_are_offered_only_to_those_who_may_acknowledge_and_only_where_they_apply()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Major);
        await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Minor, acknowledged: true);

        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AlarmRead))
        {
            var cut = reader.RenderWithProviders<VehicleAlarmsTab>(p => p.Add(c => c.Vin, vin));
            cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=alarm-table] tbody tr").Count), Wait);
            Assert.Empty(cut.FindAll("[data-testid=acknowledge]"));
            Assert.Empty(cut.FindAll("[data-testid=clear]"));
        }

        await using var handler = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AlarmRead, Perm.AlarmAcknowledge);
        var page = handler.RenderWithProviders<VehicleAlarmsTab>(p => p.Add(c => c.Vin, vin));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=alarm-table] tbody tr").Count), Wait);
        // Both are active, so both may be cleared; only the unacknowledged one may be acknowledged.
        Assert.Equal(2, page.FindAll("[data-testid=clear]").Count);
        var acknowledge = Assert.Single(page.FindAll("[data-testid=acknowledge]"));
        Assert.Contains("Active, unacknowledged", acknowledge.Closest("tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clearing_an_alarm_asks_first_and_cancelling_changes_nothing()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        var alarm = await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Warning);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AlarmRead, Perm.AlarmAcknowledge);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<VehicleAlarmsTab>(p => p.Add(c => c.Vin, vin));
        cut.WaitForAssertion(() => cut.Find("[data-testid=clear]"), Wait);

        cut.Find("[data-testid=clear]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Clear this alarm?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Contains($"{alarm.RuleName} on {vin}", dialogs.Markup, StringComparison.Ordinal);
        Button(dialogs, "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Clear this alarm?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Null((await ReadAsync(alarm.AlarmId)).ClearedAt);
        Assert.Single(cut.FindAll("[data-testid=alarm-table] tbody tr [data-testid=clear]"));

        cut.Find("[data-testid=clear]").Click();
        dialogs.WaitForAssertion(() => Button(dialogs, "Clear"), Wait);
        Button(dialogs, "Clear").Click();
        // The tab shows active alarms unless asked otherwise: the cleared one leaves it.
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-alarms]"), Wait);
        var cleared = await ReadAsync(alarm.AlarmId);
        Assert.NotNull(cleared.ClearedAt);
        Assert.Equal(await portal.AdminUsernameAsync(), cleared.ClearedBy);
    }

    [Fact]
    public async Task The_centre_opens_with_the_filters_its_address_names_and_a_severity_count_filters_the_list()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        var active = await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Major);
        var minor = await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Minor);
        var old = await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Critical, acknowledged: true, cleared: true);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AlarmRead);

        var centre = ctx.RenderWithProviders<AlarmList>(p => p.Add(c => c.InitialVin, vin).Add(c => c.InitialStatus, AlarmStatuses.ClearedAcknowledged));
        centre.WaitForAssertion(() =>
        {
            var row = Assert.Single(centre.FindAll("[data-testid=alarm-table] tbody tr"));
            Assert.Contains(old.RuleName, row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Cleared, acknowledged", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("cleared by its rule", row.TextContent, StringComparison.Ordinal);
        }, Wait);
        Assert.Equal(vin, centre.Find("#alarm-vin").GetAttribute("value"));

        var list = ctx.Render<AlarmList>(p => p.Add(c => c.InitialVin, vin));
        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=alarm-table] tbody tr").Count), Wait);
        // The counts arrive on their own query, after or before the rows.
        list.WaitForAssertion(() => list.Find("[data-testid=count-minor]"), Wait);
        list.Find("[data-testid=count-minor]").Click();
        list.WaitForAssertion(() =>
        {
            var row = Assert.Single(list.FindAll("[data-testid=alarm-table] tbody tr"));
            Assert.Contains(minor.RuleName, row.TextContent, StringComparison.Ordinal);
        }, Wait);
        Assert.DoesNotContain(active.RuleName, list.Find("[data-testid=alarm-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_or_hostile_vin_filter_shows_a_message_or_no_rows_and_never_markup()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AlarmRead);

        var oversized = ctx.RenderWithProviders<AlarmList>(p => p.Add(c => c.InitialVin, new string('A', 41)));
        oversized.WaitForAssertion(() => Assert.Contains("A VIN filter has at most 40 characters.", oversized.Find(".mud-alert").TextContent, StringComparison.Ordinal), Wait);
        Assert.NotNull(oversized.Find("[data-testid=no-alarms]"));

        var hostile = ctx.Render<AlarmList>(p => p.Add(c => c.InitialVin, "<img src=x onerror=alert(1)>"));
        hostile.WaitForAssertion(() => hostile.Find("[data-testid=no-alarms]"), Wait);
        Assert.Empty(hostile.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)>", hostile.Find("#alarm-vin").GetAttribute("value"));
    }

    [Fact]
    public async Task The_badge_counts_active_unacknowledged_alarms_and_is_absent_without_the_alarm_permission()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Major);
        await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Minor, acknowledged: true);
        await OperationsTestData.AlarmAsync(portal, vin, AlarmSeverities.Critical, cleared: true);
        int expected;
        await using (var db = portal.CreateDb())
            expected = await db.Set<Alarm>().CountAsync(a => a.ClearedAt == null && a.AcknowledgedAt == null);

        await using (var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AlarmRead))
        {
            var badge = ctx.RenderWithProviders<AlarmBadge>();
            badge.WaitForAssertion(() => Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                badge.Find("[data-testid=alarm-badge] .mud-badge").TextContent.Trim()), Wait);
            Assert.Equal($"Alarms: {expected} active unacknowledged", badge.Find("a[href='alarms?status=active_unack']").GetAttribute("aria-label"));
        }

        await using var vehiclesOnly = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var none = vehiclesOnly.RenderWithProviders<AlarmBadge>();
        Assert.Empty(none.FindAll("[data-testid=alarm-badge]"));
        Assert.Empty(none.FindAll("a[href^=alarms]"));
    }

    private async Task<Alarm> ReadAsync(long id)
    {
        await using var db = portal.CreateDb();
        return await db.Set<Alarm>().AsNoTracking().SingleAsync(a => a.Id == id);
    }

    internal static AngleSharp.Dom.IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
