using Arc.Domain.Alarms;

namespace Arc.Portal.Tests.Domain;

public class AlarmConditionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static AlarmRule SocBelow10For5Minutes(double? clearAt = null) => new()
    {
        Id = 1, Name = "Low SOC", Kind = AlarmRuleKinds.Threshold, Severity = AlarmSeverities.Major, Point = "bms_pack_soc",
        Operator = ThresholdOperators.Below, Threshold = 10, DurationSeconds = 300, ClearValue = clearAt,
    };

    private static List<AlarmStep> Run(AlarmRule rule, AlarmConditionState state, params (int Seconds, double Value)[] samples) =>
        samples.Select(s => AlarmCondition.Evaluate(rule, state, T0.AddSeconds(s.Seconds), s.Value)).ToList();

    [Fact]
    public void Soc_below_10_raises_only_once_it_has_held_for_five_minutes_of_device_time()
    {
        var state = new AlarmConditionState();
        var steps = Run(SocBelow10For5Minutes(), state, (0, 9), (60, 8), (299, 8), (300, 7), (360, 6));
        Assert.Equal([AlarmStep.None, AlarmStep.None, AlarmStep.None, AlarmStep.Raise, AlarmStep.None], steps);
        Assert.True(state.Raised);
    }

    [Fact]
    public void A_sample_above_the_threshold_starts_the_five_minutes_again()
    {
        var steps = Run(SocBelow10For5Minutes(), new AlarmConditionState(), (0, 9), (200, 11), (240, 9), (500, 9), (540, 9));
        Assert.Equal([AlarmStep.None, AlarmStep.None, AlarmStep.None, AlarmStep.None, AlarmStep.Raise], steps);
    }

    [Fact]
    public void A_value_wobbling_around_the_threshold_does_not_flap_and_clears_only_past_the_clear_value()
    {
        var state = new AlarmConditionState();
        var steps = Run(SocBelow10For5Minutes(clearAt: 12), state, (0, 9.9), (300, 9.8), (330, 10.1), (360, 9.9), (390, 10.2), (420, 11.9), (700, 9.9), (760, 12));
        Assert.Equal(1, steps.Count(s => s == AlarmStep.Raise));
        Assert.Equal(AlarmStep.Clear, steps[^1]);
        Assert.Equal(1, steps.Count(s => s == AlarmStep.Clear));
    }

    [Fact]
    public void Without_a_clear_value_the_alarm_clears_as_soon_as_the_condition_ends()
    {
        var steps = Run(SocBelow10For5Minutes(), new AlarmConditionState(), (0, 5), (300, 5), (301, 10));
        Assert.Equal([AlarmStep.None, AlarmStep.Raise, AlarmStep.Clear], steps);
    }

    [Fact]
    public void Late_and_repeated_samples_change_nothing()
    {
        var rule = SocBelow10For5Minutes();
        var state = new AlarmConditionState();
        Run(rule, state, (0, 5), (300, 5));
        Assert.True(state.Raised);
        // A redelivered older sample of a full battery does not clear the alarm.
        Assert.Equal(AlarmStep.None, AlarmCondition.Evaluate(rule, state, T0.AddSeconds(100), 90));
        Assert.Equal(AlarmStep.None, AlarmCondition.Evaluate(rule, state, T0.AddSeconds(300), 90));
        Assert.True(state.Raised);
    }

    [Fact]
    public void A_fault_point_raises_when_non_zero_and_clears_at_zero()
    {
        var rule = new AlarmRule { Id = 2, Name = "HV fault", Kind = AlarmRuleKinds.FaultPoint, Severity = AlarmSeverities.Critical, Point = "hv_fault" };
        var steps = Run(rule, new AlarmConditionState(), (0, 0), (10, 3), (20, 5), (30, 0), (40, 0));
        Assert.Equal([AlarmStep.None, AlarmStep.Raise, AlarmStep.None, AlarmStep.Clear, AlarmStep.None], steps);
    }

    [Fact]
    public void A_flood_is_more_messages_in_a_minute_than_the_limit()
    {
        var rule = new AlarmRule
        {
            Id = 3, Name = "Flood", Kind = AlarmRuleKinds.Flood, Severity = AlarmSeverities.Warning, Operator = ThresholdOperators.Above, Threshold = 100,
        };
        var window = new MessageRateWindow();
        var state = new AlarmConditionState();
        var steps = new List<AlarmStep>();
        // 40 messages every 20 s: 40, 80, 120 (over the limit), then the first batch leaves the window.
        for (var i = 0; i < 4; i++)
            steps.Add(AlarmCondition.Evaluate(rule, state, T0.AddSeconds(20 * i), window.Add(T0.AddSeconds(20 * i), 40)));
        Assert.Equal([AlarmStep.None, AlarmStep.None, AlarmStep.Raise, AlarmStep.None], steps);
        // A quiet vehicle: one message two minutes later brings the rate back under the limit.
        Assert.Equal(AlarmStep.Clear, AlarmCondition.Evaluate(rule, state, T0.AddMinutes(3), window.Add(T0.AddMinutes(3), 1)));
    }

    [Theory]
    [InlineData(AlarmSeverities.Critical, AlarmSeverities.Major, true)]
    [InlineData(AlarmSeverities.Major, AlarmSeverities.Major, true)]
    [InlineData(AlarmSeverities.Warning, AlarmSeverities.Major, false)]
    [InlineData("bogus", AlarmSeverities.Indeterminate, false)]
    public void Severity_ranks_decide_who_is_told(string severity, string minimum, bool told) =>
        Assert.Equal(told, AlarmSeverities.AtLeast(severity, minimum));
}
