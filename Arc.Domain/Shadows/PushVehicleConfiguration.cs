using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Shadows;

/// <summary>
/// "Push configuration now": rebuilds the desired state from the database and writes it to the shadow at once. Shadow
/// updates still waiting in the outbox for this vehicle are then covered and removed.
/// </summary>
public sealed class PushVehicleConfiguration(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment,
    ShadowPublisher publisher, AuditTrail audit) : IUseCase
{
    public async Task<ShadowDocument> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        var queued = await data.ListAsync(data.SideEffects.Where(s => s.Vin == vin && s.Kind == SideEffectKinds.PublishShadow && s.LeaseUntil == null), ct);
        var document = await publisher.PublishAsync(data, vin, ct);
        foreach (var row in queued)
            data.Remove(row);
        audit.Record(data, username, AuditActions.ShadowPushed, AuditEntityTypes.Vehicle, vin, new { version = document.Version });
        await data.SaveChangesAsync(ct);
        return document;
    }
}
