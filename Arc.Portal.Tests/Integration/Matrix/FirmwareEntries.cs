using Arc.Domain.Firmware;
using Arc.Domain.Permissions;
using Arc.Infrastructure.Seeding;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>A seeded demo vehicle the matrix reads (reads change nothing).</summary>
internal static class MatrixVehicle
{
    public static readonly string Vin = "DEV-" + DemoData.MakeVin('T', 'L', 19);
}

// The rows of the firmware use cases. Changes get an input refused after the permission check (an empty manifest, a
// malformed VIN, a page of no rows).

public sealed class RecordFirmwareReleaseEntry : MatrixEntry<RecordFirmwareRelease>
{
    public override string Requirement => Perm.FirmwareReleaseRefresh;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RecordFirmwareRelease>().HandleAsync("matrix.json", []);
}

public sealed class ListFirmwareReleasesEntry : MatrixEntry<ListFirmwareReleases>
{
    public override string Requirement => Perm.FirmwareReleaseRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListFirmwareReleases>().HandleAsync();
}

public sealed class GetVehicleFirmwareEntry : MatrixEntry<GetVehicleFirmware>
{
    public override string Requirement => Perm.FirmwareVehicleRead + "&" + Perm.VehicleRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetVehicleFirmware>().HandleAsync(MatrixVehicle.Vin);
}

public sealed class MarkVehicleFirmwareCurrentEntry : MatrixEntry<MarkVehicleFirmwareCurrent>
{
    public override string Requirement => Perm.FirmwareVehicleWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync("bad");
}

public sealed class ListFirmwareStatusEntry : MatrixEntry<ListFirmwareStatus>
{
    public override string Requirement => Perm.FirmwareVehicleRead + "&" + Perm.VehicleRead;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<ListFirmwareStatus>().HandleAsync(new FirmwareStatusQuery(PageSize: 0));
}
