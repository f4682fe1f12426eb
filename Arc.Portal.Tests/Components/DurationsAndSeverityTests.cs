using Arc.Domain.Alarms;
using Arc.Portal.Components.Alarms;
using Arc.Portal.Components.Shared;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

public sealed class DurationsAndSeverityTests
{
    [Theory]
    [InlineData(0, "0 min")]
    [InlineData(59, "0 min")]
    [InlineData(300, "5 min")]
    [InlineData(3_599, "59 min")]
    [InlineData(3_600, "1 h 00 min")]
    [InlineData(7_500, "2 h 05 min")]
    [InlineData(-60, "0 min")]
    public void A_length_of_time_reads_in_hours_and_minutes(int seconds, string reads) =>
        Assert.Equal(reads, Durations.Describe(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Every_alarm_severity_has_a_colour_of_its_own()
    {
        var colours = AlarmSeverities.All.Select(AlarmList.SeverityColor).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
        Assert.Equal(Color.Tertiary, AlarmList.SeverityColor(AlarmSeverities.Warning));
    }
}
