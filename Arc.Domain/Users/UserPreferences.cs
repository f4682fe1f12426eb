using Arc.Domain.Audit;
using Arc.Domain.Common;
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

    /// <summary>The landing pages a holder of these permissions can open.</summary>
    public static IReadOnlyList<LandingPageOption> LandingPagesFor(IReadOnlySet<string> permissions) =>
        LandingPageOptions.Where(o => o.Permission is null || permissions.Contains(o.Permission)).ToList();
}

public sealed record LandingPageOption(string Path, string Title, string? Permission);

/// <summary>Reads and writes one's own preferences; values are checked against what each preference allows.</summary>
public sealed class MyPreferences(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<IReadOnlyDictionary<string, string>> HandleAsync(CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var list = await data.ListAsync(data.UserPreferences.Where(p => p.Username == username), ct);
        return list.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    public async Task SetAsync(string key, string? value, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var allowed = key switch
        {
            PreferenceKeys.LandingPage => PreferenceKeys.LandingPages,
            PreferenceKeys.DefaultUserTab => PreferenceKeys.UserTabs,
            _ => throw new ValidationFailedException("key", "There is no such preference."),
        };
        if (value is not null && !allowed.Contains(value))
            throw new ValidationFailedException("value", $"Choose one of {string.Join(", ", allowed)}.");
        if (key == PreferenceKeys.LandingPage && value is not null
            && !PreferenceKeys.LandingPagesFor(await user.GetPermissionsAsync(ct)).Any(o => o.Path == value))
            throw new ValidationFailedException("value", "You cannot open that page, so it cannot be where you land.");
        await using var data = dataFactory.Open();
        var existing = await data.FirstOrDefaultAsync(data.UserPreferences.Where(p => p.Username == username && p.Key == key), ct);
        if (value is null)
        {
            if (existing is not null)
                data.Remove(existing);
        }
        else if (existing is null)
            data.Add(new UserPreference { Username = username, Key = key, Value = value });
        else
            existing.Value = value;
        audit.Record(data, username, AuditActions.UserPreferenceChanged, AuditEntityTypes.User, username, new { key, value });
        await data.SaveChangesAsync(ct);
    }
}
