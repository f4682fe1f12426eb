using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// Replaces a recall's fields with the draft's (permission recalls.recall.edit). <paramref name="version"/> is the
/// version the editor's page read: when two people edit at once, the second save is refused and changes nothing. A
/// draft equal to what is stored is refused too, so the audit trail and the "last updated" time only move on a change.
/// </summary>
public sealed class EditRecall(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int id, RecallDraft draft, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.RecallEdit, ct);
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, id, ct);
        var before = RecallDraft.Of(recall);
        RecallRules.Apply(draft, recall, time.GetUtcNow().Year);
        var after = RecallDraft.Of(recall);
        if (after == before)
            throw new ValidationFailedException("This edit changes nothing; nothing was saved.");
        data.ExpectVersion(recall, version, $"Recall {recall.NhtsaNumber}");
        if (after.NhtsaNumber != before.NhtsaNumber
            && await data.AnyAsync(data.Recalls.Where(r => r.Id != id && r.NhtsaNumber == after.NhtsaNumber && r.Status == RecallStatus.Active), ct))
            throw new ValidationFailedException(NhtsaCampaignNumber.Field, $"A recall with campaign number {after.NhtsaNumber} exists already.");
        audit.Record(data, username, RecallAuditActions.Edited, RecallAuditActions.RecallEntity, id.ToString(CultureInfo.InvariantCulture),
            new { before, after });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
    }
}
