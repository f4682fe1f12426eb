using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Models;
using Arc.Domain.Permissions;

namespace Arc.Domain.Vehicles;

/// <summary>
/// Turns a vehicle's GPS recording on or off (gps_recording_toggle, permission vehicles.vehicle.write). Stored as
/// lowercase "true" or "false", the form the reader compares with (the old function stored "True", which its own
/// getter then read as off), and published to the vehicle's shadow as <c>record_gps</c>.
/// </summary>
public sealed class SetGpsRecording(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    SideEffects.Outbox outbox, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(string vinText, bool record, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        var row = await VehicleConfiguration.MetaAsync(data, vin, VehicleConfiguration.PrivacySection, VehicleConfiguration.RecordGpsKey, ct);
        var before = row.Value;
        row.Value = record ? "true" : "false";
        VehicleConfiguration.AddNote(data, vin, username, record ? "GPS recording enabled" : "GPS recording disabled", time.GetUtcNow());
        audit.Record(data, username, CatalogueAuditActions.VehicleGpsRecordingSet, CatalogueAuditActions.VehicleEntity, vin,
            new { before, after = row.Value });
        outbox.PublishShadow(data, vin, username);
        await data.SaveChangesAsync(ct);
    }
}
