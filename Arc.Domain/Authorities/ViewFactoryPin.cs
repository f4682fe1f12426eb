using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <summary>
/// Shows a vehicle's factory PIN to a permitted user who acts for an authority that controls the vehicle (a partner sees
/// the PINs of its own vehicles only); every view is audited.
/// </summary>
public sealed class ViewFactoryPin(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, FactoryPinStore pins, AuditTrail audit,
    IRateLimits limits) : IUseCase
{
    public async Task<string?> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityVehicleRead, ct);
        await limits.RequireAsync(username, RateLimitedOperations.PinViews, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        if (!await AuthorityRules.IsKnownAsync(data, vin, ct))
            throw new NotFoundException("Vehicle", vin);
        var scope = (await AuthorityRules.ScopeAsync(data, username, ct)).ToList();
        if (!await data.AnyAsync(data.VehicleAuthorities.Where(va => va.Vin == vin && scope.Contains(va.AuthorityId)), ct))
            throw await user.RefuseAsync(username, "acts for an authority of the vehicle",
                "You may see this vehicle's PIN only as a member of an authority that controls it.", AuditEntityTypes.Vehicle, vin, ct);
        var pin = await pins.ReadAsync(data, vin, ct);
        audit.Record(data, username, AuditActions.FactoryPinViewed, AuditEntityTypes.Vehicle, vin, new { hasPin = pin is not null });
        await data.SaveChangesAsync(ct);
        return pin;
    }
}
