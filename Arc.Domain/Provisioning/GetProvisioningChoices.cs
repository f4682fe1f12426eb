using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Provisioning;

public sealed record ModelChoice(int Id, string Name, string LetterCode);

public sealed record ReleaseChoice(int Id, string Description, int? ModelId);

public sealed record ProvisioningChoices(IReadOnlyList<ModelChoice> Models, IReadOnlyList<ReleaseChoice> Releases);

/// <summary>What the provision form offers: the models (matched by VIN letter) and their releases, newest first.</summary>
public sealed class GetProvisioningChoices(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<ProvisioningChoices> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        await using var data = dataFactory.Open();
        var models = await data.ListAsync(data.VehicleModels.OrderBy(m => m.Id).Select(m => new ModelChoice(m.Id, m.ModelName, m.LetterCode)), ct);
        var releases = await data.ListAsync(data.ModelReleases.OrderByDescending(r => r.Created).ThenByDescending(r => r.ModelReleaseId)
            .Select(r => new ReleaseChoice(r.ModelReleaseId, r.Description, r.ModelId)), ct);
        return new ProvisioningChoices(models, releases);
    }
}
