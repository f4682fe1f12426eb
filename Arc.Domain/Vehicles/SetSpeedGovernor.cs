using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Models;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;

namespace Arc.Domain.Vehicles;

/// <summary>What setting the governor did: the stored km/h and whether the vehicle's Comm firmware can apply it.</summary>
public sealed record SpeedGovernorResult(string StoredKmh, double? MaxMph, bool AllowsGovernor)
{
    /// <summary>A sentence for the person who set it.</summary>
    public string Message => (MaxMph is { } mph ? $"Speed governor set to {VehicleConfiguration.MphText(mph)} mph" : "Speed governor turned off")
        + (AllowsGovernor ? "." : "; it reaches the vehicle once its Comm firmware allows the governor.");
}

/// <summary>
/// Sets or turns off a vehicle's speed governor (vehicles_configuration_set, permission vehicles.vehicle.configuration_write,
/// the ability the portal calls VEHICLE_OPTIONS_WRITE). The limit is given in mph from 5 to 70 and stored in km/h as
/// the old panel sent it. A limit is refused, on its field, for a vehicle whose recorded Comm firmware does not understand
/// the governor (the old page offered the action only where it did); turning it off is always allowed. The desired state
/// still holds back a limit such a vehicle has in its metadata (<see cref="DesiredState"/>).
/// </summary>
public sealed class SetSpeedGovernor(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    SideEffects.Outbox outbox, TimeProvider time) : IUseCase
{
    public async Task<SpeedGovernorResult> HandleAsync(string vinText, double? maxMph, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleConfigurationWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        var mph = VehicleConfiguration.CheckMph(maxMph);
        // Off is stored as "0", as the old panel sent it, rather than by removing the key: a shadow update only changes
        // the keys it names, so a removed key would leave the last limit in the vehicle's desired state, while 0 tells
        // the vehicle plainly that no limit applies.
        var kmh = mph is { } value ? VehicleConfiguration.KmhText(value) : "0";

        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        var allows = await DesiredState.AllowsGovernorAsync(data, vin, ct);
        if (mph is not null && !allows)
            throw new ValidationFailedException("maxMph", $"The Comm firmware recorded on {vin} does not understand a speed governor "
                + "(builds from 23 January 2021 on do); record its newer firmware first. It can only be turned off.");
        var row = await VehicleConfiguration.MetaAsync(data, vin, VehicleMetadataRules.ConfigurationSection, DesiredState.GovernorKey, ct);
        var before = row.Value;
        row.Value = kmh;
        var result = new SpeedGovernorResult(kmh, mph, allows);
        VehicleConfiguration.AddNote(data, vin, username,
            mph is { } set ? $"Speed governor set to {VehicleConfiguration.MphText(set)} mph" : "Speed governor turned off", time.GetUtcNow());
        audit.Record(data, username, CatalogueAuditActions.VehicleGovernorSet, CatalogueAuditActions.VehicleEntity, vin,
            new { before, after = kmh, maxMph = mph, allowsGovernor = allows });
        outbox.PublishShadow(data, vin, username);
        await data.SaveChangesAsync(ct);
        return result;
    }
}
