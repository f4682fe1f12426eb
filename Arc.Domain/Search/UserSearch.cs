using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Search;

/// <summary>
/// Users whose email or display name contains the term. Needs what the users list needs (users.users.read) and what the
/// user page it opens needs (users.user.read): a hit the caller could not open would only tell them the person exists.
/// </summary>
public sealed class UserSearch : ISearchKind
{
    public int Order => 20;

    public IReadOnlyList<string> Permissions { get; } = [Perm.UsersRead, Perm.UserRead];

    public async Task<IReadOnlyList<SearchHit>> FindAsync(IArcData data, SearchTerm term, string username, int limit, CancellationToken ct)
    {
        // Emails are stored in lower case; names are compared without case, as the users list does.
        var lower = term.Lower;
        var rows = await data.ListAsync(data.Users
            .Where(u => u.Email.Contains(lower) || (u.DisplayName != null && u.DisplayName.ToLower().Contains(lower)))
            .OrderBy(u => u.DisplayName ?? u.Email).ThenBy(u => u.Email).Take(limit)
            .Select(u => new { u.Username, u.Email, u.DisplayName, u.Enabled }), ct);
        return rows.Select(u => new SearchHit("User", u.DisplayName ?? u.Email, u.Enabled ? u.Email : $"{u.Email} (disabled)",
            $"users/{Uri.EscapeDataString(u.Username)}")).ToList();
    }
}
