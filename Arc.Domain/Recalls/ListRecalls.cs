using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// The recalls, newest first (permission recalls.recall.read), filtered by a text found in the title, NHTSA number or
/// manufacturer's number, and to safety recalls. Deleted recalls appear only when asked for.
/// </summary>
public sealed class ListRecalls(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxSearchLength = 100;

    public async Task<IReadOnlyList<RecallView>> HandleAsync(RecallQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallRead, ct);
        if (query.Search is { Length: > MaxSearchLength })
            throw new ValidationFailedException("search", $"A search has at most {MaxSearchLength} characters.");
        await using var data = dataFactory.Open();
        var recalls = data.Recalls;
        if (!query.IncludeDeleted)
            recalls = recalls.Where(r => r.Status == RecallStatus.Active);
        if (query.SafetyOnly)
            recalls = recalls.Where(r => r.SafetyRecall);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            var compact = term.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
            recalls = recalls.Where(r => r.Title.ToLower().Contains(term) || r.NhtsaNumber.Contains(compact)
                || (r.ManufacturerNumber != null && r.ManufacturerNumber.ToLower().Contains(term)));
        }
        var rows = await data.ListAsync(recalls.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new RecallView(r, data.RecallRemedies.FirstOrDefault(m => m.RecallId == r.Id))), ct);
        return rows;
    }
}
