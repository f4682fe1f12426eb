using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>Another user's open sessions (users.user.read), for an administrator deciding whether to end them.</summary>
public sealed class ListUserSessions(IArcDataFactory dataFactory, ICurrentUser user, SessionSettings settings, TimeProvider time) : IUseCase
{
    public async Task<IReadOnlyList<SessionView>> HandleAsync(string username, CancellationToken ct = default)
    {
        await user.RequireSelfOrAsync(username, Perm.UserRead, ct);
        var current = await user.GetSessionIdAsync(ct);
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Users.Where(u => u.Username == username), ct))
            throw new NotFoundException("User", username);
        return await SessionViews.OpenAsync(data, username, current, settings, time.GetUtcNow(), ct);
    }
}
