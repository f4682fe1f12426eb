using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

public sealed record ExportFile(string FileName, byte[] GzipContent);

/// <summary>A finished export's file, for the user who asked for it, while they may still read the vehicle.</summary>
public sealed class DownloadTelemetryExport(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<ExportFile> HandleAsync(long id, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var export = await data.FirstOrDefaultAsync(data.TelemetryExports.Where(e => e.Id == id && e.Actor == username), ct)
            ?? throw new NotFoundException("Export", id.ToString(CultureInfo.InvariantCulture));
        // Still allowed to read the vehicle: someone who left its fleet since asking takes nothing away.
        await VehicleAccess.RequireReadAsync(data, user, username, export.Vin, ct);
        if (export.Content is null)
        {
            throw new ConflictException(export.Status switch
            {
                BackfillStatus.Failed => $"The export failed: {export.Error}",
                BackfillStatus.Expired => "This export has expired and its file was removed; ask for a new one.",
                _ => "The export is not ready yet.",
            });
        }
        return new ExportFile($"{export.Vin}-{export.From:yyyyMMddHHmm}-{export.To:yyyyMMddHHmm}.csv.gz", export.Content);
    }
}
