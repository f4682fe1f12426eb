using System.Globalization;
using System.Text.RegularExpressions;
using Arc.Domain.Common;

namespace Arc.Domain.InsurerExports;

/// <summary>
/// A calendar month in UTC, written <c>YYYY-MM</c>. An export covers a month that has ended: the current month and
/// later ones are refused, as is anything before the portal's telemetry could exist.
/// </summary>
public readonly partial record struct ExportMonth(int Year, int Month)
{
    public const int FirstYear = 2015;

    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant of the next month (the range is start inclusive, end exclusive).</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    /// <summary>The month before the one <paramref name="now"/> falls in: what the monthly run exports.</summary>
    public static ExportMonth Previous(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        return new ExportMonth(start.Year, start.Month);
    }

    /// <summary>Reads <c>YYYY-MM</c>; refuses a malformed value and a month that has not ended by <paramref name="now"/>.</summary>
    public static ExportMonth Parse(string? text, DateTimeOffset now)
    {
        var value = text?.Trim() ?? "";
        var match = Pattern().Match(value);
        if (value.Length > 7 || !match.Success)
            throw new ValidationFailedException("month", "Give the month as YYYY-MM, for example 2026-03.");
        var month = new ExportMonth(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        if (month.Month is < 1 or > 12)
            throw new ValidationFailedException("month", "A month is numbered 01 to 12.");
        if (month.Year < FirstYear)
            throw new ValidationFailedException("month", $"There is no telemetry before {FirstYear}.");
        var previous = Previous(now);
        if (month.Year * 12 + month.Month > previous.Year * 12 + previous.Month)
            throw new ValidationFailedException("month", "That month has not ended yet; an export covers a whole month that is over.");
        return month;
    }

    /// <summary>The file's key: <c>&lt;prefix&gt;&lt;year&gt;_&lt;month&gt;.json</c>, with <c>_&lt;env&gt;</c> before the extension outside production.</summary>
    public string FileKey(string prefix, DeploymentEnvironment environment) =>
        $"{prefix}{Year:D4}_{Month:D2}{(environment == DeploymentEnvironment.Prod ? "" : "_" + environment.ToString().ToLowerInvariant())}.json";

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    [GeneratedRegex("^([0-9]{4})-([0-9]{2})$")]
    private static partial Regex Pattern();
}
