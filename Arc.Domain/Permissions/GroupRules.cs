using System.Globalization;
using Arc.Domain.Common;

namespace Arc.Domain.Permissions;

internal static class GroupRules
{
    public const int MaxNameLength = 100;

    public static string Name(string? name)
    {
        var value = (name ?? "").Trim();
        if (value.Length == 0)
            throw new ValidationFailedException("name", "Name is required.");
        if (value.Length > MaxNameLength || PlainText.HasHiddenCharacters(value))
            throw new ValidationFailedException("name",
                $"A group name has at most {MaxNameLength} characters and no control characters or invisible formatting (such as a right-to-left override).");
        if (MachineName(value).Trim('_').Length == 0)
            throw new ValidationFailedException("name", "A group name needs at least one letter or digit.");
        return value;
    }

    /// <summary>
    /// As users_group_create: the name in lower case with spaces as underscores; beyond the old function, anything but
    /// letters, digits, '-' and '_' is left out, so the machine name is safe in a URL, a log line or a directory group.
    /// </summary>
    public static string MachineName(string name) =>
        new(name.ToLowerInvariant().Select(c => char.IsWhiteSpace(c) ? '_' : c).Where(c => char.IsLetterOrDigit(c) || c is '-' or '_').ToArray());

    public static async Task EnsureUniqueAsync(IArcData data, string name, int? except, CancellationToken ct)
    {
        var machine = MachineName(name);
        if (await data.AnyAsync(data.PermissionGroups.Where(g => g.Id != except && (g.Name.ToLower() == name.ToLower() || g.MachineName == machine)), ct))
            throw new ValidationFailedException("name", $"A group named {name} exists already.");
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
