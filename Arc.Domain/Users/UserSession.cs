using System.ComponentModel.DataAnnotations;

namespace Arc.Domain.Users;

/// <summary>
/// One signed-in browser, kept on the server: the cookie carries only its id, so ending the row ends the session wherever
/// the cookie has gone. A session lives until it is ended, its absolute lifetime runs out, it has been idle too long, or
/// the account's security stamp changes.
/// </summary>
public class UserSession
{
    public const int MaxDeviceLength = 200;
    public const int MaxAddressLength = 64;

    public Guid Id { get; set; }
    public required string Username { get; set; }
    /// <summary>The account's security stamp when the session began (or was re-issued after a password change).</summary>
    public required string Stamp { get; set; }
    public DateTimeOffset Started { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    /// <summary>The absolute end: no activity extends it.</summary>
    public DateTimeOffset Expires { get; set; }
    public DateTimeOffset? Ended { get; set; }
    /// <summary>Why it ended: see <see cref="SessionEndReasons"/>.</summary>
    public string? EndedReason { get; set; }
    /// <summary>The browser as it named itself (User-Agent, shortened), for the user to recognise the session.</summary>
    public string Device { get; set; } = "";
    /// <summary>The client address the session began from.</summary>
    public string Address { get; set; } = "";

    public bool IsActive(DateTimeOffset now, TimeSpan idleTimeout) => Ended is null && now < Expires && now - LastSeen < idleTimeout;

    public void End(DateTimeOffset now, string reason)
    {
        if (Ended is not null)
            return;
        Ended = now;
        EndedReason = reason;
    }
}

public static class SessionEndReasons
{
    public const string SignedOut = "signed_out";
    public const string EndedByUser = "ended_by_user";
    public const string EndedByAdministrator = "ended_by_administrator";
    public const string AccountDisabled = "account_disabled";
    public const string EmailChanged = "email_changed";
}

/// <summary>How long sessions last (<c>Portal:Sessions</c>); the defaults follow ASVS level 2.</summary>
public sealed class SessionSettings
{
    public const string Section = "Portal:Sessions";

    /// <summary>A session with no activity for this long ends (an open page counts as activity only when used).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often activity is written down: often enough to be exact to a few percent of the idle timeout.</summary>
    public TimeSpan TouchInterval => IdleTimeout / 20 < TimeSpan.FromMinutes(1) ? IdleTimeout / 20 : TimeSpan.FromMinutes(1);
}
