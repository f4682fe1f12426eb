using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

public sealed record ModelChoice(int Id, string Name, string LetterCode);

public sealed record ReleaseChoice(int Id, string Description, int? ModelId);

public sealed record ExistingVehicle(int? ModelReleaseId, bool HeatedSeats, bool HeatedGrips, bool StereoEnabled, bool ManagedSessionMode);

public sealed record ProvisioningChoices(IReadOnlyList<ModelChoice> Models, IReadOnlyList<ReleaseChoice> Releases);

/// <summary>What the provision form offers: the models (matched by VIN letter) and their releases, newest first.</summary>
public sealed class GetProvisioningChoices(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
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

    /// <summary>The current settings of an already provisioned vehicle (for re-provisioning), or null.</summary>
    public async Task<ExistingVehicle?> ExistingAsync(string vinText, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin), ct);
        if (vehicle is null)
            return null;
        var options = await data.ListAsync(data.VehicleMeta.Where(m => m.Vin == vin && m.Section == "options"), ct);
        bool Flag(string key) => options.Any(o => o.Key == key && o.Value == "true");
        var managed = await data.AnyAsync(data.ManagedSessionVehicles.Where(m => m.Vin == vin), ct);
        return new ExistingVehicle(vehicle.ModelReleaseId, Flag("heated_seats"), Flag("heated_grips"), Flag("stereo_enabled"), managed);
    }
}

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

/// <summary>The latest provisioning run of a vehicle with its steps, for following a run while it happens.</summary>
public sealed class GetLatestProvisioningRun(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<(string Status, IReadOnlyList<StepReport> Steps)?> HandleAsync(string vinText, DateTimeOffset since, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var run = await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Vin == vin && r.Started >= since).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Status }), ct);
        if (run is null)
            return null;
        var steps = await data.ListAsync(data.ProvisioningSteps.Where(s => s.RunId == run.Id).OrderBy(s => s.Index)
            .Select(s => new StepReport(s.Name, s.Started != null && s.Finished == null ? "running" : s.Status, s.Error)), ct);
        return (run.Status, steps);
    }
}
