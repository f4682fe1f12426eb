using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Files;
using Arc.Domain.Permissions;

namespace Arc.Domain.Tsbs;

/// <summary>
/// Attaches a PDF to a bulletin (permission tsbs.tsb.edit). The file goes to the file store under a key of its own
/// first; its row, audit event and note are then saved together. A save that fails leaves an unused file in the store,
/// never a row without its file.
/// </summary>
public sealed class AddTsbAttachment(IArcDataFactory dataFactory, ICurrentUser user, IFileStore files, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(int tsbId, string? fileName, byte[] content, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.TsbEdit, ct);
        await using var data = dataFactory.Open();
        var tsb = await TsbRules.FindAsync(data, tsbId, ct);
        TsbPdf.Check(fileName, content);
        if (await data.CountAsync(data.TsbAttachments.Where(a => a.TsbId == tsbId && a.DeletedAt == null), ct) >= TsbPdf.MaxAttachments)
            throw new ValidationFailedException(TsbPdf.Field, $"A bulletin has at most {TsbPdf.MaxAttachments} files; remove one first.");
        var now = time.GetUtcNow();
        var attachment = new TsbAttachment
        {
            TsbId = tsbId, FileName = TsbPdf.SafeName(fileName), FileKey = $"tsbs/{TsbRules.Id(tsbId)}/{Guid.NewGuid():N}.pdf",
            Size = content.LongLength, UploadedAt = now, UploadedBy = username,
        };
        await files.PutAsync(attachment.FileKey, content, "application/pdf", ct);
        data.Add(attachment);
        await data.AssignIdAsync(attachment, ct);
        audit.Record(data, username, TsbAuditActions.AttachmentAdded, TsbAuditActions.Entity, TsbRules.Id(tsbId),
            new { attachment = attachment.Id, attachment.FileName, attachment.Size, key = attachment.FileKey });
        await TsbRules.AddNoteAsync(data, tsbId, username, $"File {attachment.FileName} attached to bulletin {tsb.Number}.", now, ct);
        await data.SaveChangesAsync(ct);
        return attachment.Id;
    }
}
