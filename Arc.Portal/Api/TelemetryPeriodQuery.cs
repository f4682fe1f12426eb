using System.Globalization;
using System.Text.RegularExpressions;
using Arc.Domain.Common;

namespace Arc.Portal.Api;

/// <summary>
/// The old telemetry query form (spec/backend.md §6.4): <c>point</c> asks for the latest value, <c>point[start:]</c> for
/// the period from a duration ago until now (InfluxQL durations such as <c>1h</c>, <c>30d</c>, <c>1h30m</c>) and
/// <c>point[start:end]</c> for a period between two epoch times with their unit (<c>1620000000000ms</c>, <c>1620000000s</c>).
/// A bracket without a colon asks for the latest value, as it did. Anything else is refused naming the term.
/// </summary>
public static partial class TelemetryPeriodQuery
{
    public const int MaxTerms = 50;
    public const int MaxLength = 4000;

    /// <param name="From">The period's start, or null for the latest value.</param>
    public sealed record Term(string Text, string Point, DateTimeOffset? From, DateTimeOffset? To)
    {
        public bool IsLatest => From is null;
    }

    /// <summary>Comma-separated terms; commas inside brackets do not occur in the form.</summary>
    public static IReadOnlyList<Term> Parse(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ValidationFailedException("points", "Name at least one point, as point, point[start:] or point[start:end].");
        if (text.Length > MaxLength)
            throw new ValidationFailedException("points", $"The query is at most {MaxLength} characters.");
        var terms = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length > MaxTerms)
            throw new ValidationFailedException("points", $"Ask for at most {MaxTerms} points at once.");
        return terms.Select(t => ParseTerm(t, now)).ToList();
    }

    public static Term ParseTerm(string text, DateTimeOffset now)
    {
        var match = TermShape().Match(text);
        if (!match.Success)
            throw Invalid(text, "write it as point, point[start:] or point[start:end] with a lower-case point name");
        var point = match.Groups["point"].Value;
        if (!match.Groups["range"].Success || !match.Groups["range"].Value.Contains(':', StringComparison.Ordinal))
            return new Term(text, point, null, null);
        var range = match.Groups["range"].Value;
        var colon = range.IndexOf(':', StringComparison.Ordinal);
        var (start, end) = (range[..colon], range[(colon + 1)..]);
        if (end.Length == 0)
        {
            var ago = Duration(start) ?? throw Invalid(text, "the start of a period up to now is a duration such as 1h, 30d or 1h30m");
            return new Term(text, point, now - ago, now);
        }
        var from = Epoch(start) ?? throw Invalid(text, "a period with an end gives both ends as epoch times with a unit, such as 1620000000000ms");
        var to = Epoch(end) ?? throw Invalid(text, "a period with an end gives both ends as epoch times with a unit, such as 1620000000000ms");
        return new Term(text, point, from, to);
    }

    /// <summary>An InfluxQL duration: one or more number-and-unit pairs (ns, u, µ, ms, s, m, h, d, w).</summary>
    private static TimeSpan? Duration(string text)
    {
        if (!DurationShape().IsMatch(text))
            return null;
        var total = TimeSpan.Zero;
        foreach (Match part in DurationPart().Matches(text))
        {
            if (!long.TryParse(part.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return null;
            var ticks = Ticks(part.Groups["unit"].Value, n);
            if (ticks is null || total.Ticks > TimeSpan.MaxValue.Ticks - ticks)
                return null;
            total += TimeSpan.FromTicks(ticks.Value);
        }
        return total;
    }

    private static DateTimeOffset? Epoch(string text)
    {
        var match = EpochShape().Match(text);
        if (!match.Success || !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return null;
        var ticks = match.Groups["unit"].Value is "ns" or "u" or "µ" or "ms" or "s" ? Ticks(match.Groups["unit"].Value, n) : null;
        return ticks is { } t && t <= DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks ? DateTimeOffset.UnixEpoch.AddTicks(t) : null;
    }

    /// <summary>The ticks of n units, or null when it overflows or the unit is unknown.</summary>
    private static long? Ticks(string unit, long n)
    {
        try
        {
            return unit switch
            {
                "ns" => n / 100,
                "u" or "µ" => checked(n * 10),
                "ms" => checked(n * TimeSpan.TicksPerMillisecond),
                "s" => checked(n * TimeSpan.TicksPerSecond),
                "m" => checked(n * TimeSpan.TicksPerMinute),
                "h" => checked(n * TimeSpan.TicksPerHour),
                "d" => checked(n * TimeSpan.TicksPerDay),
                "w" => checked(n * TimeSpan.TicksPerDay * 7),
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static ValidationFailedException Invalid(string term, string why) =>
        new("points", $"'{(term.Length > 60 ? term[..60] + "…" : term)}' is not a telemetry query: {why}.");

    [GeneratedRegex(@"^(?<point>[a-z][a-z0-9_]{0,63})(\[(?<range>[^\[\]]{0,80})\])?$")]
    private static partial Regex TermShape();

    [GeneratedRegex(@"^([0-9]{1,18}(ns|u|µ|ms|s|m|h|d|w))+$")]
    private static partial Regex DurationShape();

    [GeneratedRegex(@"(?<n>[0-9]{1,18})(?<unit>ns|u|µ|ms|s|m|h|d|w)")]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"^(?<n>[0-9]{1,19})(?<unit>ns|u|µ|ms|s)$")]
    private static partial Regex EpochShape();
}
