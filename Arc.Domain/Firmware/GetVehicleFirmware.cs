using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Firmware;

/// <summary>
/// A vehicle's firmware per component: what is recorded (firmware_version_vin_get), what the vehicle reports in its
/// shadow's <c>reported.firmware</c>, and the current release it should run. Needs firmware.vehicle.read and the right
/// to see the vehicle. When the shadow cannot be read the record is still shown, marked as without a report.
/// </summary>
public sealed class GetVehicleFirmware(IArcDataFactory dataFactory, ICurrentUser user, IDeviceShadows shadows, PortalEnvironment environment) : IUseCase
{
    public async Task<VehicleFirmwareView> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FirmwareVehicleRead, ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin.Value, ct);
        var facts = (await FirmwareStatusReader.FactsAsync(data, [vin.Value], ct)).SingleOrDefault() ?? throw new NotFoundException("Vehicle", vin.Value);
        var catalogue = await FirmwareStatusReader.CatalogueAsync(data, ct);
        var reportedRead = true;
        try
        {
            var shadow = await shadows.GetAsync(vin.Value, ct);
            facts = facts with { Reported = FirmwareStatusReader.Reported(shadow?.Reported) };
        }
        catch (ServiceUnavailableException)
        {
            // The record and the releases are the portal's own; only the vehicle's report is missing.
            reportedRead = false;
        }
        return FirmwareStatus.Evaluate(facts, catalogue.Hosts, catalogue.Current, catalogue.History, reportedRead);
    }
}
