using Arc.Domain.Common;
using MudBlazor;

namespace Arc.Portal.Components.Shared;

/// <summary>One page of a server-side table read for MudTable, and what the page shows around it.</summary>
public sealed record LoadedPage<T>(TableData<T> Data, int? Total, string? Error);

/// <summary>The reading every list page does for its table: a page of rows, or the refusal in words instead of a failure.</summary>
public static class TablePages
{
    /// <summary>
    /// Reads the table's current page. A refusal (a search too long or a filter out of range typed into the address)
    /// becomes an empty table and the sentence to show; anything else fails as it would.
    /// </summary>
    public static async Task<LoadedPage<T>> LoadAsync<T>(TableState state, Func<int, int, CancellationToken, Task<Page<T>>> read, UserSafeErrors errors,
        CancellationToken ct)
    {
        try
        {
            var page = await read(state.Page, state.PageSize, ct);
            return new LoadedPage<T>(new TableData<T> { Items = page.Items, TotalItems = page.TotalCount }, page.TotalCount, null);
        }
        catch (DomainException e)
        {
            return new LoadedPage<T>(new TableData<T> { Items = [], TotalItems = 0 }, null, errors.Describe(e));
        }
    }

    /// <summary>One page of a list a use case answers whole (recalls and bulletins number in the hundreds).</summary>
    public static Page<T> Slice<T>(IReadOnlyList<T> all, int page, int size) => new(all.Skip(page * size).Take(size).ToList(), all.Count, page, size);
}
