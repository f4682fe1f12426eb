using System.Globalization;
using Arc.Domain.Common;

namespace Arc.Domain.Tsbs;

/// <summary>
/// The model years a bulletin applies to, written as people write them: years and ranges separated by commas or
/// blanks (<c>2019-2021, 2023</c>). Each year lies between 1990 and next year; the answer is ascending, each year once.
/// </summary>
public static class TsbModelYears
{
    public const string Field = "modelYears";
    public const int MinYear = 1990;
    public const int MaxInputLength = 200;

    public static IReadOnlyList<int> Parse(string? text, int currentYear)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0)
            throw new ValidationFailedException(Field, "A bulletin names the model years it applies to, such as 2019-2021 or 2020, 2022.");
        if (value.Length > MaxInputLength)
            throw new ValidationFailedException(Field, $"Model years are written in at most {MaxInputLength} characters; use ranges such as 2019-2021.");
        var maxYear = currentYear + 1;
        var years = new SortedSet<int>();
        // "2019 - 2021" is one range: the blanks around a hyphen go before the list is split at blanks.
        while (value.Contains(" -", StringComparison.Ordinal) || value.Contains("- ", StringComparison.Ordinal))
            value = value.Replace(" -", "-", StringComparison.Ordinal).Replace("- ", "-", StringComparison.Ordinal);
        foreach (var part in value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length > 2)
                throw new ValidationFailedException(Field, $"'{Shorten(part)}' is not a year or a range of years such as 2019-2021.");
            var from = Year(ends[0], maxYear);
            var to = ends.Length == 2 ? Year(ends[1], maxYear) : from;
            if (to < from)
                throw new ValidationFailedException(Field, $"The range {from}-{to} ends before it starts; write it as {to}-{from}.");
            for (var year = from; year <= to; year++)
                years.Add(year);
        }
        return years.ToList();
    }

    /// <summary>The years written back with consecutive ones as ranges: <c>2019-2021, 2023</c>.</summary>
    public static string Format(IEnumerable<int> years)
    {
        var parts = new List<string>();
        var sorted = years.Distinct().Order().ToList();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            parts.Add(j == i ? Text(sorted[i]) : $"{Text(sorted[i])}-{Text(sorted[j])}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }

    private static int Year(string text, int maxYear)
    {
        if (text.Length != 4 || !text.All(char.IsAsciiDigit))
            throw new ValidationFailedException(Field, $"'{Shorten(text)}' is not a model year: write four digits, such as 2021.");
        var year = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < MinYear || year > maxYear)
            throw new ValidationFailedException(Field, $"A model year lies between {MinYear} and {maxYear}; {year} does not.");
        return year;
    }

    private static string Text(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
