using Arc.Domain.Intake;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Intake;
using Arc.Portal.Tests.Integration.Intake;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The intake page and its three lists: counts per vehicle, refusals with their reasons, dead letters a person settles.</summary>
public sealed class IntakeComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_vehicle_list_shows_a_vehicles_counts_and_says_so_when_no_vin_matches()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await OperationsTestData.VehicleStatsAsync(portal, vin, 1_234);
        await using var ctx = await IntakeHostAsync(Perm.IntakeRead);
        var cut = ctx.RenderWithProviders<IntakeVehicleTable>();

        cut.Find("#intake-vin").Input(vin[^8..]);
        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("[data-testid=intake-vehicles] tbody tr"));
            Assert.Equal(vin, row.QuerySelector("td[data-label=VIN] a")!.TextContent.Trim());
            Assert.Equal($"vehicles/{vin}", row.QuerySelector("td[data-label=VIN] a")!.GetAttribute("href"));
        }, Wait);
        var cells = cut.FindAll("[data-testid=intake-vehicles] tbody td").ToDictionary(td => td.GetAttribute("data-label")!, td => td.TextContent.Trim());
        Assert.Equal(("1,234", "1,232", "14,808", "1", "1", "850 ms"), (cells["Received"], cells["Written"], cells["Points"], cells["Late"], cells["Refused"], cells["Last lag"]));

        cut.Find("#intake-vin").Input("NO-SUCH-VIN-9");
        cut.WaitForAssertion(() => Assert.Contains("No vehicle has sent anything yet with that VIN.", cut.Find("[data-testid=intake-vehicles]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_refusal_shows_its_reason_and_a_hostile_body_as_text()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await OperationsTestData.RefusalAsync(portal, vin, "The message is not JSON.", "<img src=x onerror=alert(1)>");
        await using var ctx = await IntakeHostAsync(Perm.IntakeRead);
        var cut = ctx.RenderWithProviders<IntakeRefusalTable>();

        cut.Find("#refusal-vin").Input(vin[^8..]);
        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("[data-testid=intake-refusals] tbody tr"));
            Assert.Equal("The message is not JSON.", row.QuerySelector("td[data-label=Reason]")!.TextContent.Trim());
            Assert.Equal("<img src=x onerror=alert(1)>", row.QuerySelector("td[data-label=Message] code")!.TextContent);
        }, Wait);
        Assert.Empty(cut.FindAll("[data-testid=intake-refusals] img"));

        cut.Find("#refusal-vin").Input("NO-SUCH-VIN-9");
        cut.WaitForAssertion(() => Assert.Contains("Nothing was refused.", cut.Find("[data-testid=intake-refusals]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task An_oversized_vin_filter_is_answered_on_the_field_not_with_a_broken_page()
    {
        // The fields stop typing at 40 characters; a forged circuit message is not stopped by that.
        await using var ctx = await IntakeHostAsync(Perm.IntakeRead);
        var vehicles = ctx.RenderWithProviders<IntakeVehicleTable>();
        var refusals = ctx.Render<IntakeRefusalTable>();

        vehicles.Find("#intake-vin").Input(new string('A', 41));
        refusals.Find("#refusal-vin").Input(new string('A', 41));

        vehicles.WaitForAssertion(() => Assert.Equal("A VIN has at most 40 characters with its prefix.", vehicles.Find(".mud-input-error .mud-input-helper-text").TextContent.Trim()), Wait);
        refusals.WaitForAssertion(() => Assert.Equal("A VIN has at most 40 characters with its prefix.", refusals.Find(".mud-input-error .mud-input-helper-text").TextContent.Trim()), Wait);
        Assert.Empty(vehicles.FindAll("[data-testid=intake-vehicles] tbody td[data-label=VIN]"));
    }

    [Fact]
    public async Task Dead_letters_show_their_reason_and_offer_re_drive_and_discard_only_with_the_permission()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await OperationsTestData.DeadLetterAsync(portal, vin, "InfluxDB refused the write: partial write: max-values-per-tag limit exceeded");

        await using (var reader = await IntakeHostAsync(Perm.IntakeRead))
        {
            var cut = reader.RenderWithProviders<DeadLetterTable>();
            var row = Row(cut, vin);
            Assert.Contains("max-values-per-tag limit exceeded", row.QuerySelector("td[data-label=Reason]")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("5 attempts", row.QuerySelector("td[data-label=Via]")!.TextContent, StringComparison.Ordinal);
            Assert.Empty(row.QuerySelectorAll("button"));
        }

        await using var redriver = await IntakeHostAsync(Perm.IntakeRead, Perm.IntakeRedrive);
        var page = redriver.RenderWithProviders<DeadLetterTable>();
        var actionable = Row(page, vin);
        Assert.Equal(["Re-drive", "Discard"], actionable.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task Discarding_a_dead_letter_asks_first_and_cancelling_changes_nothing()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        var id = await OperationsTestData.DeadLetterAsync(portal, vin);
        await using var ctx = await IntakeHostAsync(Perm.IntakeRead, Perm.IntakeRedrive);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<DeadLetterTable>();

        DiscardButton(Row(cut, vin)).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Discard this dead letter?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Contains($"from {vin} will never be written", dialogs.Markup, StringComparison.Ordinal);
        AlarmComponentTests.Button(dialogs, "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Discard this dead letter?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(DeadLetterStatus.Waiting, await StatusAsync(id));

        DiscardButton(Row(cut, vin)).Click();
        dialogs.WaitForAssertion(() => AlarmComponentTests.Button(dialogs, "Discard"), Wait);
        AlarmComponentTests.Button(dialogs, "Discard").Click();
        // The list shows waiting letters: the discarded one leaves it, and is kept as discarded.
        cut.WaitForAssertion(() => Assert.DoesNotContain(vin, cut.Find("[data-testid=dead-letters]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(DeadLetterStatus.Discarded, await StatusAsync(id));
    }

    [Fact]
    public async Task With_nothing_waiting_the_dead_letters_say_so()
    {
        await using (var db = portal.CreateDb())
            await db.Set<IntakeDeadLetter>().Where(d => d.Status == DeadLetterStatus.Waiting).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeadLetterStatus.Discarded));
        await using var ctx = await IntakeHostAsync(Perm.IntakeRead);

        var cut = ctx.RenderWithProviders<DeadLetterTable>();

        cut.WaitForAssertion(() => Assert.Contains("No dead letters waiting.", cut.Find("[data-testid=dead-letters]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task The_page_warns_when_the_telemetry_store_nears_its_vin_limit_and_only_then()
    {
        await using (var near = await IntakeHostAsync(Perm.IntakeRead))
        {
            near.Services.AddSingleton<IIntakeStatus>(new FixedIntakeStatus(80_000, 100_000));
            var cut = near.RenderWithProviders<IntakePage>();
            cut.WaitForAssertion(() => Assert.Contains("holds 80,000 VINs of the 100,000", cut.Find("[data-testid=intake-vin-limit]").TextContent, StringComparison.Ordinal), Wait);
            Assert.Contains("raise max-values-per-tag", cut.Find("[data-testid=intake-vin-limit]").TextContent, StringComparison.Ordinal);
        }

        await using var below = await IntakeHostAsync(Perm.IntakeRead);
        below.Services.AddSingleton<IIntakeStatus>(new FixedIntakeStatus(79_999, 100_000));
        var page = below.RenderWithProviders<IntakePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=intake-periods]"), Wait);
        Assert.Empty(page.FindAll("[data-testid=intake-vin-limit]"));
    }

    [Fact]
    public async Task The_page_says_since_when_writing_fails_and_counts_waiting_dead_letters_on_their_tab()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await OperationsTestData.DeadLetterAsync(portal, vin);
        long waiting;
        await using (var db = portal.CreateDb())
            waiting = await db.Set<IntakeDeadLetter>().CountAsync(d => d.Status == DeadLetterStatus.Waiting);
        await using var ctx = await IntakeHostAsync(Perm.IntakeRead);
        ctx.Services.AddSingleton<IIntakeStatus>(new FixedIntakeStatus(10, 100_000, (new DateTimeOffset(2026, 12, 2, 8, 30, 0, TimeSpan.Zero), "InfluxDB does not answer.")));

        var cut = ctx.RenderWithProviders<IntakePage>();

        cut.WaitForAssertion(() => Assert.Contains("Writing telemetry has failed since 2026-12-02 08:30:00 UTC: InfluxDB does not answer.",
            cut.Find("[data-testid=intake-failing]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains(cut.FindAll(".mud-tab"), t => t.TextContent.Trim() == $"Dead letters ({waiting:N0})");
        Assert.Contains(cut.FindAll(".mud-card, .mud-paper"), c => c.TextContent.Contains("Dead letters waiting", StringComparison.Ordinal)
            && c.TextContent.Contains(waiting.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private sealed class FixedIntakeStatus(long vins, long limit, (DateTimeOffset? Since, string? Reason) failing = default) : IIntakeStatus
    {
        public (DateTimeOffset? Since, string? Reason) Failing => failing;

        public Task<(long Vins, long Limit)> VinCapacityAsync(CancellationToken ct) => Task.FromResult((vins, limit));
    }

    private async Task<BunitContext> IntakeHostAsync(params string[] permissions)
    {
        var ctx = await ComponentHost.CreateAsync(portal, permissions);
        ctx.Services.AddSingleton(portal.Services.GetRequiredService<IIntakeStatus>());
        ctx.Services.AddSingleton(portal.Services.GetRequiredService<IIntakePipeline>());
        return ctx;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<DeadLetterTable> cut, string vin)
    {
        AngleSharp.Dom.IElement? row = null;
        cut.WaitForAssertion(() => row = cut.FindAll("[data-testid=dead-letters] tbody tr").Single(r => r.TextContent.Contains(vin, StringComparison.Ordinal)), Wait);
        return row!;
    }

    private static AngleSharp.Dom.IElement DiscardButton(AngleSharp.Dom.IElement row) => row.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Discard");

    private async Task<string> StatusAsync(long id)
    {
        await using var db = portal.CreateDb();
        return await db.Set<IntakeDeadLetter>().Where(d => d.Id == id).Select(d => d.Status).SingleAsync();
    }
}
