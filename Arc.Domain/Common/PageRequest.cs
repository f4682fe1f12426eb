namespace Arc.Domain.Common;

/// <summary>One page of a server-side paged list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int PageIndex, int PageSize);

public static class Paging
{
    public const int MaxPageSize = 200;

    public static (int Index, int Size) Normalize(int pageIndex, int pageSize)
    {
        if (pageIndex < 0)
            throw new ValidationFailedException("page", "The page number cannot be negative.");
        if (pageSize is < 1 or > MaxPageSize)
            throw new ValidationFailedException("pageSize", $"A page holds between 1 and {MaxPageSize} rows.");
        return (pageIndex, pageSize);
    }
}
