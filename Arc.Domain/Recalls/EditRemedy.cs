using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// Changes a recall's remedy (permission recalls.recall.edit); an edit that changes nothing is refused, and so is one
/// made from a page older than the remedy (<paramref name="version"/>). The firmware given replaces the remedy's (none
/// clears it); a dealer repair names none.
/// </summary>
public sealed class EditRemedy(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int recallId, string? description, RemedyType type, uint? version = null, RemedyFirmware? firmware = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.RecallEdit, ct);
        var text = RecallRules.RemedyDescription(description);
        RecallRules.RemedyTypeOf(type);
        RemedyFirmwareRules.Normalise(type, firmware);
        await using var data = dataFactory.Open();
        await RecallRules.FindAsync(data, recallId, ct);
        var remedy = await data.FirstOrDefaultAsync(data.RecallRemedies.Where(m => m.RecallId == recallId), ct)
            ?? throw new NotFoundException("Remedy of recall", recallId.ToString(CultureInfo.InvariantCulture));
        var fix = await RemedyFirmwareRules.CheckAsync(data, type, firmware, ct);
        if (remedy.Description == text && remedy.Type == type && remedy.Firmware == fix)
            throw new ValidationFailedException("This edit changes nothing; nothing was saved.");
        data.ExpectVersion(remedy, version, "The remedy");
        var before = new { remedy.Description, type = remedy.Type.ToString(), firmware = remedy.Firmware };
        remedy.Description = text;
        remedy.Type = type;
        remedy.FirmwareComponent = fix?.Component;
        remedy.FirmwareHash = fix?.Hash;
        audit.Record(data, username, RecallAuditActions.RemedyEdited, RecallAuditActions.RecallEntity, recallId.ToString(CultureInfo.InvariantCulture),
            new { before, after = new { remedy.Description, type = remedy.Type.ToString(), firmware = fix } });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
    }
}
