using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Domain.Tsbs;

/// <summary>The models and recalls a bulletin may name (permission tsbs.tsb.read), for the list's filter and the form.</summary>
public sealed class GetTsbChoices(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<TsbChoices> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TsbRead, ct);
        await using var data = dataFactory.Open();
        var models = await data.ListAsync(data.VehicleModels.OrderBy(m => m.ModelName).Select(m => new TsbModelChoice(m.Id, m.ModelName)), ct);
        var recalls = await data.ListAsync(data.Recalls.Where(r => r.Status == RecallStatus.Active).OrderByDescending(r => r.CreatedAt)
            .Select(r => new TsbRecallChoice(r.Id, r.NhtsaNumber, r.Title)), ct);
        return new TsbChoices(models, recalls);
    }
}
