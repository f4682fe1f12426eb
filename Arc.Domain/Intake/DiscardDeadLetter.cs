using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Intake;

/// <summary>Gives up on a dead letter (a message that will never be valid); it stays listed as discarded, with who did it.</summary>
public sealed class DiscardDeadLetter(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(long id, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.IntakeRedrive, ct);
        await using var data = dataFactory.Open();
        var letter = await DeadLetterStatus.WaitingAsync(data, id, ct);
        letter.Status = DeadLetterStatus.Discarded;
        letter.ResolvedAt = time.GetUtcNow();
        letter.ResolvedBy = actor;
        audit.Record(data, actor, AuditActions.DeadLetterDiscarded, AuditEntityTypes.DeadLetter, letter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { vin = letter.Vin, reason = letter.Reason });
        await data.SaveChangesAsync(ct);
    }
}
