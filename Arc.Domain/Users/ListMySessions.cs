using Arc.Domain.Common;

namespace Arc.Domain.Users;

public sealed record SessionView(Guid Id, string Device, string Address, DateTimeOffset Started, DateTimeOffset LastSeen, DateTimeOffset Expires,
    bool IsCurrent);

/// <summary>The signed-in user's own open sessions, the current one first, then by last activity.</summary>
public sealed class ListMySessions(IArcDataFactory dataFactory, ICurrentUser user, SessionSettings settings, TimeProvider time) : IUseCase
{
    public async Task<IReadOnlyList<SessionView>> HandleAsync(CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var current = await user.GetSessionIdAsync(ct);
        await using var data = dataFactory.Open();
        return await SessionViews.OpenAsync(data, username, current, settings, time.GetUtcNow(), ct);
    }
}

internal static class SessionViews
{
    public static async Task<IReadOnlyList<SessionView>> OpenAsync(IArcData data, string username, Guid? current, SessionSettings settings,
        DateTimeOffset now, CancellationToken ct)
    {
        var idleSince = now - settings.IdleTimeout;
        var stamp = data.Users.Where(u => u.Username == username).Select(u => u.SecurityStamp);
        var open = await data.ListAsync(data.UserSessions
            .Where(s => s.Username == username && s.Ended == null && s.Expires > now && s.LastSeen > idleSince && stamp.Contains(s.Stamp))
            .OrderByDescending(s => s.LastSeen), ct);
        return open.Select(s => new SessionView(s.Id, s.Device, s.Address, s.Started, s.LastSeen, s.Expires, s.Id == current))
            .OrderByDescending(s => s.IsCurrent).ToList();
    }
}
