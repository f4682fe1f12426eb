using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <summary>
/// Grants a vehicle to an authority under the delegation rule: an authority other than the root may receive a VIN
/// only if its parent already holds it. Needs authorities.authority.provision (decision 6: the old code checked
/// authorities.vehicle.sign, which is the signing permission) and, since the parent delegates its own vehicle, acting
/// for the parent (for the root: being a member of the root). The vehicle's trusted keys are republished.
/// </summary>
public sealed class GrantVehicleAccess(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment,
    AuditTrail audit, Outbox outbox) : IUseCase
{
    public async Task HandleAsync(int authorityId, string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityProvision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, authorityId, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, authority.IsRoot ? authority.Id : authority.ParentId, ct);
        if (authority.IsRoot)
        {
            if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
                throw new NotFoundException("Vehicle", vin);
        }
        else
        {
            if (!await AuthorityRules.IsKnownAsync(data, vin, ct))
                throw new NotFoundException("Vehicle", vin);
            if (!await AuthorityRules.ControlsAsync(data, authority.ParentId, vin, ct))
                throw new ValidationFailedException("vin", $"Authority parent id {authority.ParentId} does not control vin {vin}; grant it to the parent first.");
        }
        if (await AuthorityRules.ControlsAsync(data, authorityId, vin, ct))
            return;
        data.Add(new VehicleAuthority { AuthorityId = authorityId, Vin = vin });
        audit.Record(data, username, AuditActions.AuthorityVehicleGranted, AuditEntityTypes.Vehicle, vin, new { authority = authorityId });
        outbox.PublishShadow(data, vin, username);
        await data.SaveChangesAsync(ct);
    }
}
