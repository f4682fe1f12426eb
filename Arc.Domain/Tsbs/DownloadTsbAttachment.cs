using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Files;
using Arc.Domain.Permissions;

namespace Arc.Domain.Tsbs;

public sealed record TsbFile(string FileName, byte[] Content);

/// <summary>A bulletin's file from the file store (permission tsbs.tsb.read), a deleted bulletin's too; each download is audited.</summary>
public sealed class DownloadTsbAttachment(IArcDataFactory dataFactory, ICurrentUser user, IFileStore files, AuditTrail audit) : IUseCase
{
    public async Task<TsbFile> HandleAsync(int tsbId, int attachmentId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.TsbRead, ct);
        await using var data = dataFactory.Open();
        var attachment = await data.FirstOrDefaultAsync(data.TsbAttachments.Where(a => a.Id == attachmentId && a.TsbId == tsbId && a.DeletedAt == null), ct)
            ?? throw new NotFoundException("Bulletin file", TsbRules.Id(attachmentId));
        var content = await files.GetAsync(attachment.FileKey, ct);
        audit.Record(data, username, TsbAuditActions.AttachmentDownloaded, TsbAuditActions.Entity, TsbRules.Id(tsbId),
            new { attachment = attachment.Id, attachment.FileName });
        await data.SaveChangesAsync(ct);
        return new TsbFile(attachment.FileName, content);
    }
}
