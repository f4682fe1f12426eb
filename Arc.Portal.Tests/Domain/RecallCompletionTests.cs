using Arc.Domain.Common;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Domain;

/// <summary>The counting rules of recall completion (as of a day, by the last step), the burn-down, quarters and history steps.</summary>
public sealed class RecallCompletionTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private long _id;

    private RecallHistoryStep S(string vin, RecallVehicleState state, string on, UnreachableReason? reason = null) =>
        new(++_id, vin, state, state == RecallVehicleState.Unreachable ? reason ?? UnreachableReason.Other : null, DateOnly.Parse(on));

    private List<RecallHistoryStep> Population() =>
    [
        S("A", RecallVehicleState.Open, "2026-01-10"), S("B", RecallVehicleState.Open, "2026-01-10"), S("C", RecallVehicleState.Open, "2026-01-10"),
        S("D", RecallVehicleState.Open, "2026-01-10"), S("E", RecallVehicleState.Open, "2026-02-01"), S("F", RecallVehicleState.Open, "2026-02-01"),
        S("A", RecallVehicleState.Remedied, "2026-03-31"),
        S("B", RecallVehicleState.Remedied, "2026-04-01"),
        S("C", RecallVehicleState.Inspected, "2026-02-15"),
        S("D", RecallVehicleState.Unreachable, "2026-03-01", UnreachableReason.Exported),
        S("E", RecallVehicleState.Removed, "2026-03-02"),
        S("G", RecallVehicleState.Open, "2026-04-02"),
    ];

    [Fact]
    public void Counts_as_of_a_quarter_end_take_each_vehicles_last_step_on_or_before_it()
    {
        var q1 = RecallCompletion.Count(Population(), new DateOnly(2026, 3, 31));
        // B is remedied the day after the quarter: open in it. G was not added yet. E was removed: not involved.
        Assert.Equal(new RecallCompletionCounts(Involved: 5, Remedied: 1, Inspected: 1, Open: 2, Exported: 1, Stolen: 0, Scrapped: 0,
            OwnerUnknown: 0, OtherReason: 0, Removed: 1), q1);
        Assert.Equal(1, q1.Unreachable);
        Assert.Equal(40.0m, q1.CompletionPercent);

        var q2 = RecallCompletion.Count(Population(), new DateOnly(2026, 6, 30));
        Assert.Equal((6, 2, 1, 2, 1), (q2.Involved, q2.Remedied, q2.Inspected, q2.Open, q2.Removed));
        Assert.Equal(50.0m, q2.CompletionPercent);
    }

    [Fact]
    public void Nothing_involved_has_no_completion_percentage_and_steps_of_one_day_count_in_recorded_order()
    {
        Assert.Null(RecallCompletion.Count([], Today).CompletionPercent);
        Assert.Equal(RecallCompletionCounts.None, RecallCompletion.Count(Population(), new DateOnly(2025, 12, 31)));
        var sameDay = new List<RecallHistoryStep> { S("A", RecallVehicleState.Open, "2026-05-01"), S("A", RecallVehicleState.Remedied, "2026-05-01"),
            S("A", RecallVehicleState.Open, "2026-05-01") };
        Assert.Equal(1, RecallCompletion.Count(sameDay.AsEnumerable().Reverse(), Today).Open);
        var readded = new List<RecallHistoryStep> { S("A", RecallVehicleState.Open, "2026-05-01"), S("A", RecallVehicleState.Removed, "2026-05-02"),
            S("A", RecallVehicleState.Open, "2026-05-03") };
        Assert.Equal((1, 0, 1), (RecallCompletion.Count(readded, Today).Involved, RecallCompletion.Count(readded, Today).Removed, RecallCompletion.Count(readded, Today).Open));
        Assert.Equal(1, RecallCompletion.Count(readded, new DateOnly(2026, 5, 2)).Removed);
    }

    [Fact]
    public void The_burn_down_counts_open_vehicles_at_each_days_end_and_by_week_over_long_spans()
    {
        var steps = Population();
        var daily = RecallCompletion.BurnDown(steps.Where(s => s.EffectiveOn < new DateOnly(2026, 3, 1)), new DateOnly(2026, 2, 20));
        Assert.Equal(new DateOnly(2026, 1, 10), daily[0].Day);
        Assert.Equal(42, daily.Count);
        Assert.Equal(4, daily[0].Open);
        Assert.Equal(6, daily.Single(p => p.Day == new DateOnly(2026, 2, 1)).Open);
        Assert.Equal(5, daily[^1].Open); // C inspected on 2026-02-15

        var weekly = RecallCompletion.BurnDown(steps, Today);
        Assert.Equal(Today, weekly[^1].Day);
        Assert.All(weekly.Zip(weekly.Skip(1)), p => Assert.Equal(7, p.Second.Day.DayNumber - p.First.Day.DayNumber));
        Assert.True(weekly[0].Day >= new DateOnly(2026, 1, 10) && weekly[0].Day < new DateOnly(2026, 1, 17));
        Assert.Equal(RecallCompletion.Count(steps, Today).Open, weekly[^1].Open);
        Assert.Empty(RecallCompletion.BurnDown([], Today));
    }

    [Theory]
    [InlineData(2026, 1, "2026-03-31")]
    [InlineData(2026, 2, "2026-06-30")]
    [InlineData(2026, 3, "2026-09-30")]
    [InlineData(2025, 4, "2025-12-31")]
    public void A_quarter_ends_on_its_last_day(int year, int quarter, string end) =>
        Assert.Equal(DateOnly.Parse(end), RecallQuarter.Check(year, quarter, Today));

    [Theory]
    [InlineData(2026, 4, "has not ended yet")]
    [InlineData(2027, 1, "in the future")]
    [InlineData(2026, 0, "1, 2, 3 or 4")]
    [InlineData(2026, 5, "1, 2, 3 or 4")]
    [InlineData(1900, 1, "before 1966")]
    public void A_quarter_not_ended_in_the_future_or_malformed_is_refused(int year, int quarter, string message) =>
        Assert.Contains(message, Assert.Throws<ValidationFailedException>(() => RecallQuarter.Check(year, quarter, Today)).Message, StringComparison.Ordinal);

    [Fact]
    public void The_previous_quarter_is_the_last_one_ended()
    {
        Assert.Equal((2026, 3), RecallQuarter.Previous(Today));
        Assert.Equal((2025, 4), RecallQuarter.Previous(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void A_step_counts_from_its_service_date_never_before_the_vehicle_was_added()
    {
        var entry = new RecallVehicle
        {
            RecallId = 1, Vin = "V", AddedBy = "a", AddedAt = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero),
            Status = RecallVehicleStatus.Remedied, ServiceDate = new DateOnly(2026, 6, 20)
        };
        var now = new DateTimeOffset(2026, 7, 3, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 6, 20), RecallHistory.Step(entry, RecallVehicleState.Remedied, "a", now).EffectiveOn);
        entry.ServiceDate = new DateOnly(2026, 5, 1);
        Assert.Equal(new DateOnly(2026, 6, 1), RecallHistory.Step(entry, RecallVehicleState.Remedied, "a", now).EffectiveOn);
        Assert.Equal(new DateOnly(2026, 7, 3), RecallHistory.Step(entry, RecallVehicleState.Removed, "a", now).EffectiveOn);
        entry.Status = RecallVehicleStatus.Unreachable;
        entry.UnreachableReason = UnreachableReason.Stolen;
        var step = RecallHistory.Step(entry, RecallVehicleState.Unreachable, "a", now);
        Assert.Equal((UnreachableReason.Stolen, new DateOnly(2026, 7, 3)), (step.UnreachableReason!.Value, step.EffectiveOn));
    }

    [Theory]
    [InlineData(null, null, null, null, "at least one")]
    [InlineData(null, "2026-05-02", "2026-05-01", null, "ends before it starts")]
    [InlineData(null, "2026-12-10", null, null, "starts in the future")]
    [InlineData(null, "1999-12-31", null, null, "before 2000")]
    [InlineData(1979, null, null, null, "between 1980 and 2027")]
    [InlineData(2028, null, null, null, "between 1980 and 2027")]
    public async Task A_population_query_without_criteria_reversed_or_out_of_range_is_refused(int? year, string? from, string? to, int? model, string message)
    {
        var query = new RecallPopulationQuery(model, null, year, from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => RecallPopulation.CheckAsync(null!, query, Today, CancellationToken.None));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() => RecallPopulation.CheckAsync(null!, null, Today, CancellationToken.None));
    }

    [Fact]
    public void A_population_larger_than_one_change_or_empty_is_refused()
    {
        Assert.Contains("nothing was added", Assert.Throws<ValidationFailedException>(() => RecallPopulation.RequireApplicable(0)).Message, StringComparison.Ordinal);
        Assert.Contains("Narrow it", Assert.Throws<ValidationFailedException>(() => RecallPopulation.RequireApplicable(RecallVinList.MaxVins + 1)).Message,
            StringComparison.Ordinal);
        RecallPopulation.RequireApplicable(RecallVinList.MaxVins);
    }

    [Fact]
    public void A_report_keeps_and_gives_back_its_counts()
    {
        var counts = RecallCompletion.Count(Population(), new DateOnly(2026, 6, 30));
        var report = new RecallQuarterReport { GeneratedBy = "a" };
        report.Write(counts);
        Assert.Equal(counts, report.Counts);
    }
}
