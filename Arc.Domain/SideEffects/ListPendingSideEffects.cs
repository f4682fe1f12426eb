using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.SideEffects;

public sealed record PendingSideEffect(string Kind, string Description, DateTimeOffset Queued, int Attempts, DateTimeOffset NextAttempt, string? LastError);

/// <summary>
/// The work a vehicle is still waiting for (shadow updates, certificate revocations), oldest first. Also answers for a
/// vehicle already unprovisioned, whose revocation may still be pending.
/// </summary>
public sealed class ListPendingSideEffects(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<PendingSideEffect>> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin, ct);
        var rows = await data.ListAsync(data.SideEffects.Where(s => s.Vin == vin).OrderBy(s => s.Id), ct);
        return rows.Select(r => new PendingSideEffect(r.Kind, SideEffectKinds.Describe(r.Kind), r.Created, r.Attempts, r.NextAttempt, r.LastError)).ToList();
    }
}
