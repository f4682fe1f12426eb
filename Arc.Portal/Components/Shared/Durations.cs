namespace Arc.Portal.Components.Shared;

/// <summary>How the portal writes a length of time for a person: "5 min", "2 h 05 min", never "0:05:00".</summary>
public static class Durations
{
    public static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min" : $"{Math.Max(0, (int)span.TotalMinutes)} min";
}
