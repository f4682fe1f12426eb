using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Provisioning;

public sealed record ModelChoice(int Id, string Name, string LetterCode);

/// <param name="Parts">The release's bill of parts, shown before the release is chosen.</param>
public sealed record ReleaseChoice(int Id, string Description, int? ModelId, IReadOnlyList<Models.ReleasePart>? Parts = null);

public sealed record ProvisioningChoices(IReadOnlyList<ModelChoice> Models, IReadOnlyList<ReleaseChoice> Releases);

/// <summary>What the provision form offers: the models (matched by VIN letter) and their releases, newest first.</summary>
public sealed class GetProvisioningChoices(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<ProvisioningChoices> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        await using var data = dataFactory.Open();
        var models = await data.ListAsync(data.VehicleModels.OrderBy(m => m.Id).Select(m => new ModelChoice(m.Id, m.ModelName, m.LetterCode)), ct);
        var releases = (await Models.ListModelReleases.ReadAsync(data, null, ct))
            .Select(r => new ReleaseChoice(r.ModelReleaseId, r.Description, r.ModelId, r.Parts)).ToList();
        return new ProvisioningChoices(models, releases);
    }
}
