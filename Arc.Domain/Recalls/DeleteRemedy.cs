using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>Removes a recall's remedy (permissions recalls.recall.edit and recalls.recall.delete, as the old system).</summary>
public sealed class DeleteRemedy(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int recallId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.RecallEdit, ct);
        await user.RequireAsync(Perm.RecallDelete, ct);
        await using var data = dataFactory.Open();
        await RecallRules.FindAsync(data, recallId, ct);
        var remedy = await data.FirstOrDefaultAsync(data.RecallRemedies.Where(m => m.RecallId == recallId), ct)
            ?? throw new NotFoundException("Remedy of recall", recallId.ToString(CultureInfo.InvariantCulture));
        data.Remove(remedy);
        audit.Record(data, username, RecallAuditActions.RemedyDeleted, RecallAuditActions.RecallEntity, recallId.ToString(CultureInfo.InvariantCulture),
            new { remedy.Id, remedy.Description, type = remedy.Type.ToString() });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
    }
}
