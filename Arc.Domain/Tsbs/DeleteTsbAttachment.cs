using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Tsbs;

/// <summary>
/// Removes a file from a bulletin (permission tsbs.tsb.edit): it leaves the bulletin's page; its row and stored file
/// stay, marked removed, so the audit trail still names what was published.
/// </summary>
public sealed class DeleteTsbAttachment(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int tsbId, int attachmentId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.TsbEdit, ct);
        await using var data = dataFactory.Open();
        var tsb = await TsbRules.FindAsync(data, tsbId, ct);
        var attachment = await data.FirstOrDefaultAsync(data.TsbAttachments.Where(a => a.Id == attachmentId && a.TsbId == tsbId && a.DeletedAt == null), ct)
            ?? throw new NotFoundException("Bulletin file", TsbRules.Id(attachmentId));
        var now = time.GetUtcNow();
        (attachment.DeletedAt, attachment.DeletedBy) = (now, username);
        audit.Record(data, username, TsbAuditActions.AttachmentDeleted, TsbAuditActions.Entity, TsbRules.Id(tsbId),
            new { attachment = attachment.Id, attachment.FileName });
        await TsbRules.AddNoteAsync(data, tsbId, username, $"File {attachment.FileName} removed from bulletin {tsb.Number}.", now, ct);
        await data.SaveChangesAsync(ct);
    }
}
