namespace Arc.Domain.Recalls;

/// <summary>One step of a vehicle's recall history, as the counts read it.</summary>
public sealed record RecallHistoryStep(long Id, string Vin, RecallVehicleState State, UnreachableReason? Reason, DateOnly EffectiveOn);

/// <summary>
/// A recall's population as of a day, in the terms of a 573.7 quarterly report: vehicles involved (removed ones not
/// counted), remedied, inspected and found not to need the remedy, unreachable by reason, removed, and still open.
/// </summary>
public sealed record RecallCompletionCounts(int Involved, int Remedied, int Inspected, int Open, int Exported, int Stolen, int Scrapped,
    int OwnerUnknown, int OtherReason, int Removed)
{
    public int Unreachable => Exported + Stolen + Scrapped + OwnerUnknown + OtherReason;

    /// <summary>Remedied plus inspected-not-needing-it over involved, in percent to one decimal; null with nothing involved.</summary>
    public decimal? CompletionPercent => Involved == 0 ? null : Math.Round(100m * (Remedied + Inspected) / Involved, 1, MidpointRounding.AwayFromZero);

    public static readonly RecallCompletionCounts None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>The open vehicles at the end of one day or week.</summary>
public sealed record BurnDownPoint(DateOnly Day, int Open);

/// <summary>
/// The counting rules of completion (decision 0041): a vehicle's state on a day is its last history step effective on or
/// before that day (steps of one day in the order they were recorded). A vehicle remedied after the day counts as open on
/// it; one removed counts only as removed; one never added by then counts nowhere.
/// </summary>
public static class RecallCompletion
{
    /// <summary>Days shown one by one up to this span; longer histories are shown a week at a time.</summary>
    public const int DailyUpTo = 120;

    public static RecallCompletionCounts Count(IEnumerable<RecallHistoryStep> steps, DateOnly asOf)
    {
        var last = new Dictionary<string, RecallHistoryStep>(StringComparer.Ordinal);
        foreach (var step in Ordered(steps).TakeWhile(s => s.EffectiveOn <= asOf))
            last[step.Vin] = step;
        int remedied = 0, inspected = 0, open = 0, removed = 0;
        var reasons = new int[5];
        foreach (var step in last.Values)
        {
            switch (step.State)
            {
                case RecallVehicleState.Remedied: remedied++; break;
                case RecallVehicleState.Inspected: inspected++; break;
                case RecallVehicleState.Open: open++; break;
                case RecallVehicleState.Removed: removed++; break;
                case RecallVehicleState.Unreachable: reasons[(int)(step.Reason ?? UnreachableReason.Other)]++; break;
            }
        }
        return new RecallCompletionCounts(last.Count - removed, remedied, inspected, open, reasons[(int)UnreachableReason.Exported],
            reasons[(int)UnreachableReason.Stolen], reasons[(int)UnreachableReason.Scrapped], reasons[(int)UnreachableReason.OwnerUnknown],
            reasons[(int)UnreachableReason.Other], removed);
    }

    /// <summary>
    /// Open vehicles at the end of each day from the first step to <paramref name="until"/>, or of each week (ending on the
    /// same weekday as <paramref name="until"/>) when that spans more than <see cref="DailyUpTo"/> days. Empty without steps.
    /// </summary>
    public static IReadOnlyList<BurnDownPoint> BurnDown(IEnumerable<RecallHistoryStep> steps, DateOnly until)
    {
        var ordered = Ordered(steps).Where(s => s.EffectiveOn <= until).ToList();
        if (ordered.Count == 0)
            return [];
        var first = ordered[0].EffectiveOn;
        var every = until.DayNumber - first.DayNumber > DailyUpTo ? 7 : 1;
        var day = until.AddDays(-((until.DayNumber - first.DayNumber) / every * every));
        var states = new Dictionary<string, RecallVehicleState>(StringComparer.Ordinal);
        var open = 0;
        var points = new List<BurnDownPoint>();
        var i = 0;
        for (; day <= until; day = day.AddDays(every))
        {
            for (; i < ordered.Count && ordered[i].EffectiveOn <= day; i++)
            {
                var step = ordered[i];
                if (states.TryGetValue(step.Vin, out var was) && was == RecallVehicleState.Open)
                    open--;
                if (step.State == RecallVehicleState.Open)
                    open++;
                states[step.Vin] = step.State;
            }
            points.Add(new BurnDownPoint(day, open));
        }
        return points;
    }

    private static IEnumerable<RecallHistoryStep> Ordered(IEnumerable<RecallHistoryStep> steps) => steps.OrderBy(s => s.EffectiveOn).ThenBy(s => s.Id);
}
