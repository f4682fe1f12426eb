using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>One recall with its remedy (permission recalls.recall.read); a deleted one too, so its page still opens.</summary>
public sealed class GetRecall(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<RecallView> HandleAsync(int id, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallRead, ct);
        await using var data = dataFactory.Open();
        return await data.FirstOrDefaultAsync(data.Recalls.Where(r => r.Id == id)
                .Select(r => new RecallView(r, data.RecallRemedies.FirstOrDefault(m => m.RecallId == r.Id))), ct)
            ?? throw new NotFoundException("Recall", id.ToString(CultureInfo.InvariantCulture));
    }
}
