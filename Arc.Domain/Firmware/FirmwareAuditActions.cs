namespace Arc.Domain.Firmware;

/// <summary>Stable audit codes of firmware changes; a code, once used, keeps its meaning.</summary>
public static class FirmwareAuditActions
{
    public const string ReleaseEntity = "FirmwareRelease";
    public const string VehicleEntity = "Vehicle";
    public const string ReleaseRecorded = "firmware.release_recorded";
    public const string VehicleMarkedCurrent = "vehicle.firmware_marked_current";
    public const string NoteTag = "firmware";
}
