using Arc.Domain.Common;

namespace Arc.Domain.Firmware;

/// <summary>The firmware tables, read as <c>data.FirmwareReleases</c> on any <see cref="IArcData"/>.</summary>
public interface IFirmwareData : IEntitySets
{
    IQueryable<FirmwareComponent> FirmwareComponents => Set<FirmwareComponent>();
    IQueryable<FirmwareRelease> FirmwareReleases => Set<FirmwareRelease>();
    IQueryable<FirmwareVersion> FirmwareVersions => Set<FirmwareVersion>();
    IQueryable<VehicleFirmwareInstalled> VehicleFirmware => Set<VehicleFirmwareInstalled>();
}
