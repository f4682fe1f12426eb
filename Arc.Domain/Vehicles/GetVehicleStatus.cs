using Arc.Domain.Common;
using Arc.Domain.Shadows;

namespace Arc.Domain.Vehicles;

/// <summary>
/// The facts behind the vehicle page's status cards (spec/portal.md §1.4) and its configuration actions.
/// <paramref name="GovernorKmh"/> is the stored limit ("0" when turned off, null when never set).
/// </summary>
public sealed record VehicleStatus(
    string Vin,
    bool ActiveUserControl,
    string? GovernorKmh,
    bool AllowsGovernor,
    bool ManagedSessionMode,
    ShadowSync Sync,
    bool RecordsGps)
{
    /// <summary>The governor's limit in whole mph, or null when none is set or it is turned off.</summary>
    public double? GovernorMph => VehicleConfiguration.Mph(GovernorKmh);
}

/// <summary>
/// A vehicle's status: whether the caller controls it (it is in one of their fleets), its speed governor and whether
/// its Comm firmware allows one, managed-session mode, GPS recording, and whether its shadow is in sync. Allowed to
/// whoever may see the vehicle.
/// </summary>
public sealed class GetVehicleStatus(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IDeviceShadows shadows) : IUseCase
{
    public async Task<VehicleStatus> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin, ct);
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        var controls = await VehicleAccess.IsFleetMemberAsync(data, username, vin, ct);
        var governor = await data.FirstOrDefaultAsync(data.VehicleMeta.Where(m => m.Vin == vin
            && m.Section == VehicleMetadataRules.ConfigurationSection && m.Key == DesiredState.GovernorKey).Select(m => m.Value), ct);
        var allows = await DesiredState.AllowsGovernorAsync(data, vin, ct);
        var managed = await data.AnyAsync(data.ManagedSessionVehicles.Where(m => m.Vin == vin), ct);
        var recordsGps = await Telemetry.GpsPrivacy.RecordsGpsAsync(data, vin, ct);
        return new VehicleStatus(vin, controls, governor, allows, managed, await SyncAsync(vin, ct), recordsGps);
    }

    // A shadow service that does not answer leaves the card at "unknown" rather than failing the whole page.
    private async Task<ShadowSync> SyncAsync(string vin, CancellationToken ct)
    {
        try
        {
            return ShadowStatus.Of(await shadows.GetAsync(vin, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException and not DomainException)
        {
            return ShadowSync.Unknown;
        }
    }
}
