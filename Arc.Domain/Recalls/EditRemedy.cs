using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// Changes a recall's remedy (permission recalls.recall.edit); an edit that changes nothing is refused, and so is one
/// made from a page older than the remedy (<paramref name="version"/>).
/// </summary>
public sealed class EditRemedy(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int recallId, string? description, RemedyType type, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.RecallEdit, ct);
        var text = RecallRules.RemedyDescription(description);
        RecallRules.RemedyTypeOf(type);
        await using var data = dataFactory.Open();
        await RecallRules.FindAsync(data, recallId, ct);
        var remedy = await data.FirstOrDefaultAsync(data.RecallRemedies.Where(m => m.RecallId == recallId), ct)
            ?? throw new NotFoundException("Remedy of recall", recallId.ToString(CultureInfo.InvariantCulture));
        if (remedy.Description == text && remedy.Type == type)
            throw new ValidationFailedException("This edit changes nothing; nothing was saved.");
        data.ExpectVersion(remedy, version, "The remedy");
        var before = new { remedy.Description, type = remedy.Type.ToString() };
        remedy.Description = text;
        remedy.Type = type;
        audit.Record(data, username, RecallAuditActions.RemedyEdited, RecallAuditActions.RecallEntity, recallId.ToString(CultureInfo.InvariantCulture),
            new { before, after = new { remedy.Description, type = remedy.Type.ToString() } });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
    }
}
