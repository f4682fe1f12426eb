namespace Arc.Domain.Common;

/// <summary>One column of an exported list: its heading and how a row reads in it.</summary>
public sealed record CsvColumn<T>(string Header, Func<T, string?> Value);

/// <summary>The rows an export read, and how many the filters matched.</summary>
public sealed record ExportedRows<T>(IReadOnlyList<T> Rows, int Total)
{
    public bool Truncated => Rows.Count < Total;
}

/// <summary>
/// What a list shows, all of its pages: read page after page through the list's own use case, so an export passes the
/// same permission and resource checks and the same filters and sort as the page. Bounded, because a download
/// assembled in memory must not grow with the whole table; the pages say so.
/// </summary>
public static class ListExport
{
    public const int MaxRows = 10_000;

    public static async Task<ExportedRows<T>> CollectAsync<T>(
        Func<int, int, CancellationToken, Task<Page<T>>> readPage, int maxRows = MaxRows, CancellationToken ct = default)
    {
        var rows = new List<T>();
        var total = 0;
        for (var index = 0; rows.Count < maxRows; index++)
        {
            var page = await readPage(index, Paging.MaxPageSize, ct);
            total = page.TotalCount;
            rows.AddRange(page.Items.Take(maxRows - rows.Count));
            if (page.Items.Count < Paging.MaxPageSize || rows.Count >= total)
                break;
        }
        return new(rows, Math.Max(total, rows.Count));
    }

    public static string ToCsv<T>(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns) =>
        Csv.Write(columns.Select(c => c.Header).ToList(), rows.Select(r => columns.Select(c => c.Value(r)).ToList()));
}
