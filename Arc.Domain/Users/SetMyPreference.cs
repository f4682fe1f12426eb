using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>Sets or clears one of one's own preferences; the value is checked against what the preference allows.</summary>
public sealed class SetMyPreference(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(string key, string? value, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var allowed = key switch
        {
            PreferenceKeys.LandingPage => PreferenceKeys.LandingPages,
            PreferenceKeys.DefaultUserTab => PreferenceKeys.UserTabs,
            PreferenceKeys.DefaultVehicleTab => null,
            _ => throw new ValidationFailedException("key", "There is no such preference."),
        };
        if (value is not null && allowed is not null && !allowed.Contains(value))
            throw new ValidationFailedException("value", $"Choose one of {string.Join(", ", allowed)}.");
        if (key == PreferenceKeys.DefaultVehicleTab && value is not null && !PreferenceKeys.IsTabKey(value))
            throw new ValidationFailedException("value", "A tab is named by at most 40 lowercase letters, digits and dashes.");
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
