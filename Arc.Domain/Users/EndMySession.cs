using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>Ends one of the signed-in user's own sessions (a browser left signed in elsewhere).</summary>
public sealed class EndMySession(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(Guid sessionId, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        // Someone else's session id answers as an unknown one: ids of other people's sessions are not confirmed.
        var session = await data.FirstOrDefaultAsync(data.UserSessions.Where(s => s.Id == sessionId && s.Username == username && s.Ended == null), ct)
            ?? throw new NotFoundException("Session", sessionId.ToString());
        session.End(time.GetUtcNow(), SessionEndReasons.EndedByUser);
        audit.Record(data, username, AuditActions.UserSessionEnded, AuditEntityTypes.User, username, new { session = sessionId, session.Device, session.Address });
        await data.SaveChangesAsync(ct);
    }
}
