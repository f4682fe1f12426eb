using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <summary>
/// Generates a vehicle's factory PIN, or keeps the stored one when asked to preserve it (provisioning uses this).
/// The PIN is stored sealed; the audit event records that a PIN was set, never the PIN.
/// </summary>
public sealed class GenerateFactoryPin(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, FactoryPinStore pins, AuditTrail audit)
    : IUseCase
{
    public async Task<FactoryPin> HandleAsync(string vinText, bool preserve, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var stored = await pins.ReadAsync(data, vin, ct);
        if (preserve && stored is { Length: FactoryPin.Length } && stored.All(char.IsAsciiDigit) && !FactoryPin.IsTrivial(stored))
            return FactoryPin.Parse(stored);
        var pin = FactoryPin.Generate();
        var replaced = await pins.WriteAsync(data, vin, pin.Value, ct);
        audit.Record(data, username, AuditActions.FactoryPinGenerated, AuditEntityTypes.Vehicle, vin, new { preserveRequested = preserve, replaced });
        await data.SaveChangesAsync(ct);
        return pin;
    }
}
