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
        var letter = await data.FirstOrDefaultAsync(data.IntakeDeadLetters.Where(d => d.Id == id), ct)
            ?? throw new NotFoundException("Dead letter", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (letter.Status != DeadLetterStatus.Waiting)
            throw new ConflictException($"This dead letter was {letter.Status} already.");
        letter.Status = DeadLetterStatus.Discarded;
        letter.ResolvedAt = time.GetUtcNow();
        letter.ResolvedBy = actor;
        audit.Record(data, actor, AuditActions.DeadLetterDiscarded, AuditEntityTypes.DeadLetter, letter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { vin = letter.Vin, reason = letter.Reason });
        await data.SaveChangesAsync(ct);
    }
}
