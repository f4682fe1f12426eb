using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>
/// Starts, checks and ends server-side sessions for the sign-in plumbing (the cookie handler, open pages, sign-out).
/// It acts for whoever holds the session's cookie, so it is not a use case; the use cases over sessions are
/// <see cref="ListMySessions"/>, <see cref="EndMySession"/>, <see cref="SignOutEverywhere"/> and their administrator forms.
/// </summary>
public sealed class SessionKeeper(IArcDataFactory dataFactory, SessionSettings settings, TimeProvider time)
{
    public async Task<Guid> StartAsync(string username, string stamp, string? device, string? address, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            Id = Guid.NewGuid(), Username = username, Stamp = stamp, Started = now, LastSeen = now, Expires = now + settings.AbsoluteLifetime,
            Device = Shorten(device, UserSession.MaxDeviceLength), Address = Shorten(address, UserSession.MaxAddressLength),
        };
        await using var data = dataFactory.Open();
        data.Add(session);
        await data.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>
    /// True while the session may be used: not ended, within its lifetimes and issued under the account's current stamp.
    /// With <paramref name="activity"/> the visit counts as use and keeps the session from going idle.
    /// </summary>
    public async Task<bool> IsActiveAsync(Guid id, string username, bool activity, CancellationToken ct = default) =>
        await ActiveUntilAsync(id, username, activity, ct) is not null;

    /// <summary>
    /// As <see cref="IsActiveAsync"/>, and when the session is active, the moment it ends unless it is used before then
    /// (its idle timeout or its absolute end, whichever comes first); null when it is not active.
    /// </summary>
    public async Task<DateTimeOffset?> ActiveUntilAsync(Guid id, string username, bool activity, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var session = await data.FirstOrDefaultAsync(data.UserSessions.Where(s => s.Id == id && s.Username == username), ct);
        if (session is null || !session.IsActive(now, settings.IdleTimeout))
            return null;
        var stamp = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username && u.Enabled).Select(u => u.SecurityStamp), ct);
        if (stamp != session.Stamp)
            return null;
        if (activity && now - session.LastSeen >= settings.TouchInterval)
        {
            session.LastSeen = now;
            await data.SaveChangesAsync(ct);
        }
        var idleEnd = session.LastSeen + settings.IdleTimeout;
        return idleEnd < session.Expires ? idleEnd : session.Expires;
    }

    public async Task EndAsync(Guid id, string username, string reason, CancellationToken ct = default)
    {
        await using var data = dataFactory.Open();
        var session = await data.FirstOrDefaultAsync(data.UserSessions.Where(s => s.Id == id && s.Username == username), ct);
        if (session is null)
            return;
        session.End(time.GetUtcNow(), reason);
        await data.SaveChangesAsync(ct);
    }

    /// <summary>Ends every open session of the account inside the caller's unit of work (so it commits with the change).</summary>
    public static async Task<int> EndAllAsync(IArcData data, string username, string reason, DateTimeOffset now, CancellationToken ct, Guid? except = null)
    {
        var open = await data.ListAsync(data.UserSessions.Where(s => s.Username == username && s.Ended == null && s.Expires > now && s.Id != except), ct);
        foreach (var session in open)
            session.End(now, reason);
        return open.Count;
    }

    private static string Shorten(string? text, int max)
    {
        var value = new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return value.Length <= max ? value : value[..max];
    }
}
