using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Files;
using Arc.Domain.Permissions;

namespace Arc.Domain.InsurerExports;

public sealed record InsurerExportFile(string FileName, byte[] Content);

/// <summary>A produced export's file from the file store (fleets.yrisk.read); each download is audited.</summary>
public sealed class DownloadInsurerExport(IArcDataFactory dataFactory, ICurrentUser user, IFileStore files, AuditTrail audit) : IUseCase
{
    public async Task<InsurerExportFile> HandleAsync(long id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.InsurerExportRead, ct);
        await using var data = dataFactory.Open();
        var export = await data.FirstOrDefaultAsync(data.InsurerExports.Where(e => e.Id == id), ct)
            ?? throw new NotFoundException("Insurer export", id.ToString(CultureInfo.InvariantCulture));
        if (export.Status != InsurerExportStatus.Done)
        {
            throw new ConflictException(export.Status == InsurerExportStatus.Failed
                ? $"The export of {export.Period} failed: {export.Error} Run it again."
                : $"The export of {export.Period} is not ready yet.");
        }
        var content = await files.GetAsync(export.FileKey, ct);
        audit.Record(data, username, InsurerExportAuditActions.Downloaded, InsurerExportAuditActions.Entity, id.ToString(CultureInfo.InvariantCulture),
            new { month = export.Period.ToString(), key = export.FileKey });
        await data.SaveChangesAsync(ct);
        return new InsurerExportFile(InsurerExportView.Of(export).FileName, content);
    }
}
