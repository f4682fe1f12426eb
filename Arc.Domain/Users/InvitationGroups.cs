namespace Arc.Domain.Users;

/// <summary>How an invitation names the permission groups the new user is in, so they know what they can do.</summary>
public static class InvitationGroups
{
    public static string Describe(IEnumerable<string> names)
    {
        var sorted = names.Order(StringComparer.CurrentCultureIgnoreCase).ToList();
        return sorted.Count switch
        {
            0 => "no permission group yet",
            1 => $"the {sorted[0]} group",
            _ => $"the {string.Join(", ", sorted[..^1])} and {sorted[^1]} groups",
        };
    }
}
