using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Tsbs;

/// <summary>Deletes a bulletin softly (permission tsbs.tsb.delete): the row and its files stay, marked deleted, for the record.</summary>
public sealed class DeleteTsb(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.TsbDelete, ct);
        await using var data = dataFactory.Open();
        var tsb = await TsbRules.FindAsync(data, id, ct);
        tsb.Status = TsbStatus.Deleted;
        audit.Record(data, username, TsbAuditActions.Deleted, TsbAuditActions.Entity, TsbRules.Id(id), new { tsb.Number, tsb.Title });
        await TsbRules.AddNoteAsync(data, id, username, $"Bulletin {tsb.Number} deleted.", time.GetUtcNow(), ct);
        await data.SaveChangesAsync(ct);
    }
}
