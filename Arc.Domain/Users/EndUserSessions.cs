using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Signs a user out everywhere (users.user.disable: it takes their access away until they sign in again), for a lost
/// laptop or a shared computer. Not for someone who holds more than the caller (decision 12).
/// </summary>
public sealed class EndUserSessions(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(string username, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserDisable, ct);
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Users.Where(u => u.Username == username), ct))
            throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        var ended = await SessionKeeper.EndAllAsync(data, username, SessionEndReasons.EndedByAdministrator, time.GetUtcNow(), ct);
        audit.Record(data, actor, AuditActions.UserSessionsEnded, AuditEntityTypes.User, username, new { sessions = ended });
        await data.SaveChangesAsync(ct);
        return ended;
    }
}
