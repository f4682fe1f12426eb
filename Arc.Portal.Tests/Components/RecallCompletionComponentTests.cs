using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Domain.Vehicles;
using Arc.Portal.Components.Recalls;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The recall's Completion panel, its quarterly reports and the population dialog: figures, buttons by permission, refusals shown.</summary>
public sealed class RecallCompletionComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A recall with five vehicles added on 2025-02-03: one remedied, one stolen, one removed, in Q1 2025.</summary>
    private async Task<int> RecallWithHistoryAsync()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Completion brake fittings", RemedyType.DealerRepair);
        var vins = Enumerable.Range(0, 5).Select(_ => RecallTestData.NewVin()).ToList();
        RecallVehicleEvent E(int i, RecallVehicleState state, string on, UnreachableReason? reason = null) => new()
        {
            RecallId = id, Vin = vins[i], State = state, EffectiveOn = DateOnly.Parse(on), UnreachableReason = reason, RecordedAt = DateTimeOffset.UtcNow,
            RecordedBy = "history",
        };
        await using var db = portal.CreateDb();
        db.Set<RecallVehicleEvent>().AddRange(vins.Select((_, i) => E(i, RecallVehicleState.Open, "2025-02-03")));
        db.Set<RecallVehicleEvent>().AddRange(E(0, RecallVehicleState.Remedied, "2025-03-01"), E(1, RecallVehicleState.Unreachable, "2025-03-02", UnreachableReason.Stolen),
            E(2, RecallVehicleState.Removed, "2025-03-03"));
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>The recall's one report, once the button's save has landed.</summary>
    private async Task<RecallQuarterReport> StoredReportAsync(int id)
    {
        for (var deadline = DateTime.UtcNow + Wait; ; await Task.Delay(50))
        {
            await using var db = portal.CreateDb();
            var report = await db.Set<RecallQuarterReport>().AsNoTracking().SingleOrDefaultAsync(r => r.RecallId == id);
            if (report is not null || DateTime.UtcNow > deadline)
                return report ?? throw new TimeoutException("The report was not stored.");
        }
    }

    [Fact]
    public async Task A_reader_sees_the_figures_the_burn_down_and_the_reports_but_no_button_that_changes_them()
    {
        var id = await RecallWithHistoryAsync();
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead, Perm.RecallVehicleRead);
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("25.0 %", cut.Find("[data-testid=completion-percent]").TextContent.Trim()), Wait);
        Assert.Equal(("4", "1", "1", "2", "1"), (cut.Find("[data-testid=completion-involved]").TextContent, cut.Find("[data-testid=completion-remedied]").TextContent,
            cut.Find("[data-testid=completion-unreachable]").TextContent, cut.Find("[data-testid=completion-open]").TextContent,
            cut.Find("[data-testid=completion-removed]").TextContent));
        Assert.Contains("1 stolen", cut.Find("[data-testid=completion-reasons]").TextContent, StringComparison.Ordinal);
        Assert.NotEqual("0", cut.Find("[data-testid=telemetry-chart]").GetAttribute("data-points"));
        Assert.Contains("Open vehicles over time", cut.Find("[data-testid=telemetry-chart]").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=no-reports]"));
        foreach (var button in new[] { "generate-report", "sign-off-report", "open-population" })
            Assert.Empty(cut.FindAll($"[data-testid={button}]"));
    }

    [Fact]
    public async Task Without_the_vehicle_read_permission_the_panel_is_not_shown()
    {
        var id = await RecallWithHistoryAsync();
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead);
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=recall-facts]"), Wait);
        Assert.Empty(cut.FindAll("[data-testid=recall-completion]"));
    }

    [Fact]
    public async Task A_quarter_is_generated_listed_with_its_counts_and_signed_off_after_a_confirmation_and_a_future_one_is_refused()
    {
        var id = await RecallWithHistoryAsync();
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallEdit, Perm.RecallReportSignOff);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<RecallQuarterReports>(p => p.Add(c => c.RecallId, id).Add(c => c.Today, new DateOnly(2025, 4, 2))
            .Add(c => c.Reports, []).Add(c => c.Can, new HashSet<string> { Perm.RecallEdit, Perm.RecallReportSignOff }));
        // The default quarter is the last one ended (2025 Q1); generate it through the use case as the button does.
        cut.Find("[data-testid=generate-report]").Click();
        var stored = await StoredReportAsync(id);
        Assert.Empty(cut.FindAll("[data-testid=report-error]"));
        Assert.Equal((2025, 1, 4, 1, 1, 1), (stored.Year, stored.Quarter, stored.Involved, stored.Remedied, stored.Stolen, stored.Removed));

        var page = ctx.Render<RecallCompletionPanel>(p => p.Add(c => c.RecallId, id)
            .Add(c => c.Can, new HashSet<string> { Perm.RecallVehicleRead, Perm.RecallEdit, Perm.RecallReportSignOff }));
        page.WaitForAssertion(() => Assert.Equal("25.0 %", page.Find("[data-testid=report-2025-q1] [data-testid=report-percent]").TextContent.Trim()), Wait);
        Assert.Equal("2", page.Find("[data-testid=report-2025-q1] [data-testid=report-open]").TextContent);
        Assert.NotNull(page.Find("[data-testid=download-reports]"));
        page.Find("[data-testid=sign-off-report]").Click();
        dialogs.WaitForAssertion(() => AlarmComponentTests.Button(dialogs, "Sign off"), Wait);
        AlarmComponentTests.Button(dialogs, "Sign off").Click();
        page.WaitForAssertion(() => Assert.Contains("Signed off by", page.Find("[data-testid=report-2025-q1] [data-testid=report-status]").TextContent,
            StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=sign-off-report]"));

        // A quarter not ended yet is refused with the use case's message, and nothing is stored.
        var select = page.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Year");
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(DateTime.UtcNow.Year + 1));
        page.Find("[data-testid=generate-report]").Click();
        page.WaitForAssertion(() => Assert.Contains("future", page.Find("[data-testid=report-error]").TextContent, StringComparison.Ordinal), Wait);
        await using var check = portal.CreateDb();
        Assert.Equal(1, await check.Set<RecallQuarterReport>().CountAsync(r => r.RecallId == id));
    }

    [Fact]
    public async Task The_population_dialog_refuses_an_empty_query_shows_the_matching_vehicles_and_adds_them()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Population brake fittings", RemedyType.DealerRepair);
        var day = new DateOnly(2001, 1, 1).AddDays(Random.Shared.Next(0, 7000));
        var vins = Enumerable.Range(0, 2).Select(_ => RecallTestData.NewVin()).Order(StringComparer.Ordinal).ToList();
        await using (var db = portal.CreateDb())
        {
            db.VehicleSet.AddRange(vins.Select(v => new Vehicle { Vin = v, Created = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) }));
            await db.SaveChangesAsync();
        }
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleAdd, Perm.VehicleRead);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<RecallCompletionPanel>(p => p.Add(c => c.RecallId, id)
            .Add(c => c.Can, new HashSet<string> { Perm.RecallVehicleRead, Perm.RecallVehicleAdd }));
        cut.WaitForAssertion(() => cut.Find("[data-testid=open-population]"), Wait);
        cut.Find("[data-testid=open-population]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("form[data-testid=population-form]"), Wait);

        dialogs.Find("form[data-testid=population-form]").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("at least one", dialogs.Find("[data-testid=population-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.True(dialogs.Find("[data-testid=population-add]").HasAttribute("disabled"));

        var pickers = dialogs.FindComponents<MudDatePicker>();
        var at = day.ToDateTime(TimeOnly.MinValue);
        await dialogs.InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(at));
        await dialogs.InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(at));
        dialogs.Find("#population-model-year").Change("2025");
        dialogs.Find("form[data-testid=population-form]").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("2 vehicles match", dialogs.Find("[data-testid=population-result]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(vins, dialogs.FindAll("[data-testid=population-vins] code").Select(c => c.TextContent));

        dialogs.Find("[data-testid=population-add]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=completion-open]").TextContent), Wait);
        await using var check = portal.CreateDb();
        Assert.Equal(vins, await check.Set<RecallVehicle>().Where(v => v.RecallId == id).Select(v => v.Vin).OrderBy(v => v).ToListAsync());
    }

    [Fact]
    public async Task The_population_dialog_picks_a_model_and_its_release_and_a_model_change_drops_a_release_of_another()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Population pickers", RemedyType.DealerRepair);
        int modelId, otherModelId, releaseId;
        var vins = Enumerable.Range(0, 3).Select(_ => RecallTestData.NewVin()).Order(StringComparer.Ordinal).ToList();
        await using (var db = portal.CreateDb())
        {
            var models = await db.Set<Arc.Domain.Models.VehicleModel>().OrderBy(m => m.Id).Take(2).Select(m => m.Id).ToListAsync();
            (modelId, otherModelId) = (models[0], models[1]);
            var release = new Arc.Domain.Models.ModelRelease { Description = $"Picker {Guid.NewGuid():N}"[..20], ModelId = modelId, Created = DateTimeOffset.UtcNow };
            db.Set<Arc.Domain.Models.ModelRelease>().Add(release);
            await db.SaveChangesAsync();
            releaseId = release.ModelReleaseId;
            db.VehicleSet.AddRange(vins.Select(v => new Vehicle { Vin = v, ModelReleaseId = releaseId, Created = DateTimeOffset.UtcNow }));
            await db.SaveChangesAsync();
        }
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleAdd, Perm.VehicleRead);
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.RenderWithProviders<RecallCompletionPanel>(p => p.Add(c => c.RecallId, id)
            .Add(c => c.Can, new HashSet<string> { Perm.RecallVehicleRead, Perm.RecallVehicleAdd }));
        cut.WaitForAssertion(() => cut.Find("[data-testid=open-population]"), Wait);
        cut.Find("[data-testid=open-population]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("form[data-testid=population-form]"), Wait);

        await dialogs.InvokeAsync(() => Select(dialogs, "population-model").Instance.ValueChanged.InvokeAsync(modelId));
        await dialogs.InvokeAsync(() => Select(dialogs, "population-release").Instance.ValueChanged.InvokeAsync(releaseId));
        dialogs.Find("form[data-testid=population-form]").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("3 vehicles match", dialogs.Find("[data-testid=population-result]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(vins, dialogs.FindAll("[data-testid=population-vins] code").Select(c => c.TextContent));
        Assert.False(string.IsNullOrEmpty(Select(dialogs, "population-release").Find("input").GetAttribute("value")));

        // Another model: its releases only, the chosen release of the first model cleared and the shown result dropped.
        await dialogs.InvokeAsync(() => Select(dialogs, "population-model").Instance.ValueChanged.InvokeAsync(otherModelId));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=population-result]")), Wait);
        Assert.True(string.IsNullOrEmpty(Select(dialogs, "population-release").Find("input").GetAttribute("value")));
        Assert.True(dialogs.Find("[data-testid=population-add]").HasAttribute("disabled"));
    }

    private static IRenderedComponent<MudSelect<int?>> Select(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.FindComponents<MudSelect<int?>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));
}
