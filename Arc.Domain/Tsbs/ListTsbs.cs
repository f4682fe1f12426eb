using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Tsbs;

/// <summary>
/// The bulletins, newest issue first (permission tsbs.tsb.read), filtered by a text found in the number, title or
/// summary, by a model and by a model year. Deleted bulletins appear only when asked for.
/// </summary>
public sealed class ListTsbs(IArcDataFactory dataFactory, ICurrentUser user, TimeProvider time) : IUseCase
{
    public const int MaxSearchLength = 100;

    public async Task<IReadOnlyList<TsbView>> HandleAsync(TsbQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TsbRead, ct);
        if (query.Search is { Length: > MaxSearchLength })
            throw new ValidationFailedException("search", $"A search has at most {MaxSearchLength} characters.");
        var maxYear = time.GetUtcNow().Year + 1;
        if (query.ModelYear is { } y && (y < TsbModelYears.MinYear || y > maxYear))
            throw new ValidationFailedException("modelYear", $"A model year lies between {TsbModelYears.MinYear} and {maxYear}.");
        await using var data = dataFactory.Open();
        var tsbs = data.Tsbs;
        if (!query.IncludeDeleted)
            tsbs = tsbs.Where(t => t.Status == TsbStatus.Active);
        if (query.ModelId is { } model)
            tsbs = tsbs.Where(t => t.ModelIds.Contains(model));
        if (query.ModelYear is { } year)
            tsbs = tsbs.Where(t => t.ModelYears.Contains(year));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            tsbs = tsbs.Where(t => t.Number.ToLower().Contains(term) || t.Title.ToLower().Contains(term) || t.Summary.ToLower().Contains(term));
        }
        var rows = await data.ListAsync(tsbs.OrderByDescending(t => t.IssueDate).ThenByDescending(t => t.Id), ct);
        return await TsbReads.ViewsAsync(data, rows, ct);
    }
}
