using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

/// <summary>
/// Unprovisions a vehicle in the order of spec/backend.md §5.5: fleets, then the vehicle's rows, then its authority
/// grants in one transaction, with the retirement of its certificates, thing and shadow queued in the outbox. Notes and
/// the factory PIN are kept, as before.
/// </summary>
public sealed class UnprovisionVehicle(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, SideEffects.Outbox outbox,
    AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin), ct) ?? throw new NotFoundException("Vehicle", vin);
        foreach (var join in await data.ListAsync(data.FleetVehicles.Where(f => f.Vin == vin), ct))
            data.Remove(join);
        foreach (var point in await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin), ct))
            data.Remove(point);
        foreach (var meta in await data.ListAsync(data.VehicleMeta.Where(m => m.Vin == vin), ct))
            data.Remove(meta);
        foreach (var managed in await data.ListAsync(data.ManagedSessionVehicles.Where(m => m.Vin == vin), ct))
            data.Remove(managed);
        foreach (var grant in await data.ListAsync(data.VehicleAuthorities.Where(a => a.Vin == vin), ct))
            data.Remove(grant);
        data.Remove(vehicle);
        audit.Record(data, username, AuditActions.VehicleUnprovisioned, AuditEntityTypes.Vehicle, vin, new { modelRelease = vehicle.ModelReleaseId });
        // The certificates, thing and shadow go through the outbox: a registry that is down delays them, and the
        // vehicle page shows the revocation pending until it is done.
        outbox.RetireDevice(data, vin, username);
        await data.SaveChangesAsync(ct);
    }
}
