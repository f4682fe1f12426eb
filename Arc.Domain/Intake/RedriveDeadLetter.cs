using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Intake;

/// <summary>
/// Sends a dead letter through the intake again, after whatever made it fail was fixed, and waits for the outcome: a
/// written message leaves the store (marked re-driven); one that fails or is refused again stays, with the new reason.
/// </summary>
public sealed class RedriveDeadLetter(IArcDataFactory dataFactory, ICurrentUser user, IIntakePipeline pipeline, AuditTrail audit, TimeProvider time)
    : IUseCase
{
    public async Task<IntakeOutcome> HandleAsync(long id, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.IntakeRedrive, ct);
        await using var data = dataFactory.Open();
        var letter = await DeadLetterStatus.WaitingAsync(data, id, ct);
        var message = new IntakeMessage(IntakeSource.Redrive, $"dead-letter-{letter.Id}", letter.Topic, letter.Body, time.GetUtcNow());
        var outcome = await await pipeline.EnqueueAsync(message, ct);
        var now = time.GetUtcNow();
        if (outcome.Result is IntakeResult.Written or IntakeResult.Duplicate)
        {
            letter.Status = DeadLetterStatus.Redriven;
            letter.ResolvedAt = now;
            letter.ResolvedBy = actor;
            letter.Outcome = outcome.Result == IntakeResult.Written ? "Written." : "Written before; nothing written again.";
        }
        else
            letter.Outcome = $"{(outcome.Result == IntakeResult.Refused ? "Refused" : "Failed again")} {now:yyyy-MM-dd HH:mm:ss} UTC: {outcome.Reason}";
        audit.Record(data, actor, AuditActions.DeadLetterRedriven, AuditEntityTypes.DeadLetter, letter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { vin = letter.Vin, result = outcome.Result.ToString(), reason = outcome.Reason });
        await data.SaveChangesAsync(ct);
        return outcome;
    }
}
