using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// Gives a recall its remedy (permissions recalls.recall.create and recalls.recall.edit, as the old system). A recall
/// has one remedy at most; a second is refused (and the unique index stops two made at once). A remedy sent over the
/// air may name its firmware, a recorded release of a known component (<see cref="RemedyFirmwareRules"/>).
/// </summary>
public sealed class CreateRemedy(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(int recallId, string? description, RemedyType type, RemedyFirmware? firmware = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.RecallCreate, ct);
        await user.RequireAsync(Perm.RecallEdit, ct);
        var text = RecallRules.RemedyDescription(description);
        RecallRules.RemedyTypeOf(type);
        RemedyFirmwareRules.Normalise(type, firmware);
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        var fix = await RemedyFirmwareRules.CheckAsync(data, type, firmware, ct);
        if (await data.AnyAsync(data.RecallRemedies.Where(m => m.RecallId == recallId), ct))
            throw new ValidationFailedException("description", "This recall has its remedy already; edit it instead.");
        var remedy = new RecallRemedy
        {
            RecallId = recall.Id, Description = text, Type = type, Date = time.GetUtcNow(), FirmwareComponent = fix?.Component, FirmwareHash = fix?.Hash,
        };
        data.Add(remedy);
        await data.AssignIdAsync(remedy, ct);
        audit.Record(data, username, RecallAuditActions.RemedyCreated, RecallAuditActions.RecallEntity, recallId.ToString(CultureInfo.InvariantCulture),
            new { remedy.Id, remedy.Description, type = remedy.Type.ToString(), firmware = fix });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
        return remedy.Id;
    }
}
