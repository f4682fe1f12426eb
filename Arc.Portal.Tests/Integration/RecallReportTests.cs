using Arc.Domain.Common;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Completion and quarterly reports on the real database: quarter boundaries, removals, the freeze, the CSV.</summary>
public sealed class RecallReportTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    /// <summary>History as if recorded over 2025: six vehicles added in Q1, changes on and around the quarter's end.</summary>
    private async Task<(int Recall, List<string> Vins)> RecallWithHistoryAsync()
    {
        var recall = await AsAdminAsync(sp => RecallTestData.CreateWithRemedyAsync(sp, RecallTestData.DoNotDriveDraft()));
        var vins = Enumerable.Range(0, 6).Select(_ => RecallTestData.NewVin()).ToList();
        RecallVehicleEvent E(int i, RecallVehicleState state, string on, UnreachableReason? reason = null) => new()
        {
            RecallId = recall, Vin = vins[i], State = state, EffectiveOn = DateOnly.Parse(on), UnreachableReason = reason,
            RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "history",
        };
        await using var db = portal.CreateDb();
        db.Set<RecallVehicleEvent>().AddRange(vins.Select((_, i) => E(i, RecallVehicleState.Open, "2025-01-15")));
        db.Set<RecallVehicleEvent>().AddRange(
            E(0, RecallVehicleState.Remedied, "2025-03-31"), // on the last day: remedied in Q1
            E(1, RecallVehicleState.Remedied, "2025-04-01"), // the day after: open in Q1
            E(2, RecallVehicleState.Inspected, "2025-02-01"),
            E(3, RecallVehicleState.Unreachable, "2025-03-01", UnreachableReason.Stolen),
            E(4, RecallVehicleState.Removed, "2025-03-10"),
            E(5, RecallVehicleState.Unreachable, "2025-05-01", UnreachableReason.Scrapped));
        await db.SaveChangesAsync();
        return (recall, vins);
    }

    [Fact]
    public async Task A_quarter_counts_as_of_its_last_day_removed_vehicles_apart_and_a_later_remedy_as_open()
    {
        var (recall, _) = await RecallWithHistoryAsync();
        var q1 = await AsAdminAsync(sp => sp.GetRequiredService<GenerateRecallQuarterReport>().HandleAsync(recall, 2025, 1));
        Assert.Equal(new DateOnly(2025, 3, 31), q1.AsOf);
        Assert.Equal(new RecallCompletionCounts(Involved: 5, Remedied: 1, Inspected: 1, Open: 2, Exported: 0, Stolen: 1, Scrapped: 0, OwnerUnknown: 0,
            OtherReason: 0, Removed: 1), q1.Counts);
        Assert.Equal(40.0m, q1.Counts.CompletionPercent);
        var q2 = await AsAdminAsync(sp => sp.GetRequiredService<GenerateRecallQuarterReport>().HandleAsync(recall, 2025, 2));
        Assert.Equal((2, 0, 1, 1), (q2.Counts.Remedied, q2.Counts.Open, q2.Counts.Scrapped, q2.Counts.Removed));
        var q4 = await AsAdminAsync(sp => sp.GetRequiredService<GenerateRecallQuarterReport>().HandleAsync(recall, 2024, 4));
        Assert.Equal(RecallCompletionCounts.None, q4.Counts);

        var view = await AsAdminAsync(sp => sp.GetRequiredService<GetRecallCompletion>().HandleAsync(recall));
        Assert.Equal(["2025 Q2", "2025 Q1", "2024 Q4"], view.Reports.Select(r => r.Name));
        Assert.Equal(q2.Counts, view.Counts);
        // Weeks end on today's weekday: the first ends within a week of the first step.
        Assert.InRange(view.BurnDown[0].Day, new DateOnly(2025, 1, 15), new DateOnly(2025, 1, 21));
        Assert.Equal(6, view.BurnDown[0].Open);
        Assert.Equal(0, view.BurnDown[^1].Open);

        var (file, csv) = await AsAdminAsync(sp => sp.GetRequiredService<ExportRecallQuarterReports>().HandleAsync(recall));
        Assert.EndsWith("-quarterly-reports.csv", file, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ExportRecallQuarterReports.Header), lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(",2025 Q1,2025-03-31,5,1,1,0,1,0,0,0,1,2,40.0,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_off_quarter_is_frozen_regenerating_or_signing_it_again_is_refused_and_audited_steps_stay()
    {
        var (recall, vins) = await RecallWithHistoryAsync();
        var draft = await AsAdminAsync(sp => sp.GetRequiredService<GenerateRecallQuarterReport>().HandleAsync(recall, 2025, 1));
        var regenerated = await AsAdminAsync(sp => sp.GetRequiredService<GenerateRecallQuarterReport>().HandleAsync(recall, 2025, 1));
        await Assert.ThrowsAsync<ConflictException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<SignOffRecallQuarterReport>().HandleAsync(recall, 2025, 1, draft.Version)));
        var signed = await AsAdminAsync(sp => sp.GetRequiredService<SignOffRecallQuarterReport>().HandleAsync(recall, 2025, 1, regenerated.Version));
        Assert.NotNull(signed.SignedOffAt);

        await using (var db = portal.CreateDb())
        {
            db.Set<RecallVehicleEvent>().Add(new RecallVehicleEvent
            {
                RecallId = recall, Vin = vins[1], State = RecallVehicleState.Remedied,
                EffectiveOn = new DateOnly(2025, 3, 1), RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "late"
            });
            await db.SaveChangesAsync();
        }
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<GenerateRecallQuarterReport>().HandleAsync(recall, 2025, 1)));
        Assert.Contains("frozen", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<SignOffRecallQuarterReport>().HandleAsync(recall, 2025, 1)));
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdminAsync(sp => sp.GetRequiredService<SignOffRecallQuarterReport>().HandleAsync(recall, 2025, 3)));
        var view = await AsAdminAsync(sp => sp.GetRequiredService<GetRecallCompletion>().HandleAsync(recall));
        Assert.Equal(draft.Counts, view.Reports.Single().Counts);

        await using var check = portal.CreateDb();
        var actions = await check.AuditSet.Where(a => a.EntityId == recall.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(2, actions.Count(a => a == RecallReportAuditActions.Generated));
        Assert.Equal(1, actions.Count(a => a == RecallReportAuditActions.SignedOff));
    }

    [Fact]
    public async Task A_future_or_unfinished_quarter_is_refused_and_the_use_cases_write_history_removals_included()
    {
        var recall = await AsAdminAsync(sp => RecallTestData.CreateWithRemedyAsync(sp, RecallTestData.DoNotDriveDraft()));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (year, quarter) in new[] { (today.Year + 1, 1), (today.Year, (today.Month - 1) / 3 + 1), (today.Year, 0) })
            await Assert.ThrowsAsync<ValidationFailedException>(() =>
                AsAdminAsync(sp => sp.GetRequiredService<GenerateRecallQuarterReport>().HandleAsync(recall, year, quarter)));

        var vins = await RecallTestData.AddVehiclesAsync(portal, 3);
        await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(recall, string.Join('\n', vins)));
        await AsAdminAsync(sp => sp.GetRequiredService<ServiceRecallVehicles>().HandleAsync(recall, vins[0]));
        await AsAdminAsync(async sp => { await sp.GetRequiredService<RemoveRecallVehicle>().HandleAsync(recall, vins[1]); return 0; });
        await AsAdminAsync(async sp =>
        {
            await sp.GetRequiredService<EditRecallVehicle>().HandleAsync(recall, vins[2],
                new RecallVehicleDraft(RecallVehicleStatus.Unreachable, UnreachableReason: UnreachableReason.OwnerUnknown));
            return 0;
        });
        var view = await AsAdminAsync(sp => sp.GetRequiredService<GetRecallCompletion>().HandleAsync(recall));
        Assert.Equal(new RecallCompletionCounts(Involved: 2, Remedied: 1, Inspected: 0, Open: 0, Exported: 0, Stolen: 0, Scrapped: 0, OwnerUnknown: 1,
            OtherReason: 0, Removed: 1), view.Counts);
        Assert.Equal(50.0m, view.Counts.CompletionPercent);
        Assert.Equal([new BurnDownPoint(today, 0)], view.BurnDown);
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdminAsync(sp => sp.GetRequiredService<GetRecallCompletion>().HandleAsync(987_654)));
    }
}
