using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>Deletes a recall softly (permission recalls.recall.delete): the row stays, marked deleted, for the record.</summary>
public sealed class DeleteRecall(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.RecallDelete, ct);
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, id, ct);
        recall.Status = RecallStatus.Deleted;
        audit.Record(data, username, RecallAuditActions.Deleted, RecallAuditActions.RecallEntity, id.ToString(CultureInfo.InvariantCulture),
            new { recall.NhtsaNumber, recall.Title });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
    }
}
