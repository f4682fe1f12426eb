using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>Ends every session of the signed-in user, this one included.</summary>
public sealed class SignOutEverywhere(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    /// <returns>How many sessions were ended.</returns>
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var ended = await SessionKeeper.EndAllAsync(data, username, SessionEndReasons.EndedByUser, time.GetUtcNow(), ct);
        audit.Record(data, username, AuditActions.UserSignedOutEverywhere, AuditEntityTypes.User, username, new { sessions = ended });
        await data.SaveChangesAsync(ct);
        return ended;
    }
}
