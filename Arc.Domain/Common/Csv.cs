using System.Text;

namespace Arc.Domain.Common;

/// <summary>
/// Writes a table as CSV the way a spreadsheet opens it safely: RFC 4180 quoting (a cell holding a comma, a quote or a
/// line break is quoted, quotes doubled, lines ended by CRLF) and, per OWASP's CSV injection guidance, a cell that a
/// spreadsheet would read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return)
/// gets a leading apostrophe, so a hostile name exported from the portal cannot run in the reader's spreadsheet.
/// </summary>
public static class Csv
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, header);
        foreach (var row in rows)
            AppendLine(text, row);
        return text.ToString();
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (Array.IndexOf(FormulaStarts, value[0]) >= 0)
            value = "'" + value;
        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>
    /// Splits one line of an uploaded CSV file: a cell in double quotes may hold commas and doubled quotes. An unclosed
    /// quote is refused on <paramref name="field"/> with <paramref name="unclosed"/>.
    /// </summary>
    public static List<string> SplitLine(string line, string field, string unclosed)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
                cell.Append(c);
        }
        if (quoted)
            throw new ValidationFailedException(field, unclosed);
        cells.Add(cell.ToString());
        return cells;
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                text.Append(',');
            text.Append(Cell(cells[i]));
        }
        text.Append("\r\n");
    }
}
