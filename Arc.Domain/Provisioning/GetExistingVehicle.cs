using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

public sealed record ExistingVehicle(int? ModelReleaseId, bool HeatedSeats, bool HeatedGrips, bool StereoEnabled, bool ManagedSessionMode);

/// <summary>The current settings of an already provisioned vehicle, to fill the form for re-provisioning, or null.</summary>
public sealed class GetExistingVehicle(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<ExistingVehicle?> HandleAsync(string vinText, CancellationToken ct = default)
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
