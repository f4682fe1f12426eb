using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>A personal setting of a user (spec user_preferences: key and value, both text).</summary>
public class UserPreference
{
    public required string Username { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}

public static class PreferenceKeys
{
    /// <summary>Where the portal opens after sign-in (a path of the portal such as <c>/vehicles</c>).</summary>
    public const string LandingPage = "landing_page";
    /// <summary>The tab a user page opens on.</summary>
    public const string DefaultUserTab = "default_user_tab";

    /// <summary>
    /// The tab a vehicle page opens on. The portal's tab registry knows the tabs, so only the key's shape is checked
    /// here; a key that names no tab the user can see opens the default tab.
    /// </summary>
    public const string DefaultVehicleTab = "default_vehicle_tab";

    public static bool IsTabKey(string value) => value.Length is > 0 and <= 40 && value[0] is >= 'a' and <= 'z'
        && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public static readonly IReadOnlyList<string> UserTabs = ["abilities", "fleets", "permission-groups", "permissions", "notes", "vehicles"];

    /// <summary>The pages one can land on after signing in, with the permission each needs (none for home and one's profile).</summary>
    public static readonly IReadOnlyList<LandingPageOption> LandingPageOptions =
    [
        new("/", "Home", null),
        new("/vehicles", "Vehicles", Perm.VehicleRead),
        new("/users", "Users", Perm.UsersRead),
        new("/authorities", "Authorities", Perm.AuthorityRead),
        new("/audit", "Audit log", Perm.AuditRead),
        new("/mail", "Mail outbox", Perm.MailOutboxRead),
        new("/profile", "My profile", null),
    ];

    public static readonly IReadOnlyList<string> LandingPages = LandingPageOptions.Select(o => o.Path).ToList();

    /// <summary>
    /// Where a user lands: the page they chose if they can still open it, otherwise the vehicle list for those who may
    /// see it and their profile for everyone else (spec/portal.md §9.1).
    /// </summary>
    public static string LandingPageFor(string? chosen, IReadOnlySet<string> permissions) =>
        chosen is not null and not "/" && LandingPagesFor(permissions).Any(o => o.Path == chosen) ? chosen
            : permissions.Contains(Perm.VehicleRead) ? "/vehicles" : "/profile";

    /// <summary>The landing pages a holder of these permissions can open.</summary>
    public static IReadOnlyList<LandingPageOption> LandingPagesFor(IReadOnlySet<string> permissions) =>
        LandingPageOptions.Where(o => o.Permission is null || permissions.Contains(o.Permission)).ToList();
}

public sealed record LandingPageOption(string Path, string Title, string? Permission);
