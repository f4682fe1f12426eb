using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

public sealed record UserQuery(string? Search = null, string? Status = null, int? GroupId = null, int PageIndex = 0, int PageSize = 20);

public sealed record UserRow(string Username, string Email, string? DisplayName, string? Phone, string Status, bool Enabled, DateTimeOffset? LastSignIn);

/// <summary>The users list: server-side paging, search by name or email, filters by status and permission group.</summary>
public sealed class ListUsers(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxSearchLength = 100;
    public const string Disabled = "disabled";

    public async Task<Page<UserRow>> HandleAsync(UserQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.UsersRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Search is { Length: > MaxSearchLength })
            throw new ValidationFailedException("search", $"A search has at most {MaxSearchLength} characters.");
        await using var data = dataFactory.Open();
        var users = data.Users;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            users = users.Where(u => u.Email.Contains(term) || (u.DisplayName != null && u.DisplayName.ToLower().Contains(term)));
        }
        if (query.Status == Disabled)
            users = users.Where(u => !u.Enabled);
        else if (!string.IsNullOrEmpty(query.Status))
            users = users.Where(u => u.Status == query.Status);
        if (query.GroupId is { } group)
            users = users.Where(u => data.GroupMembers.Any(m => m.GroupId == group && m.Username == u.Username));
        var total = await data.CountAsync(users, ct);
        var rows = await data.ListAsync(users.OrderBy(u => u.DisplayName ?? u.Email).ThenBy(u => u.Email).Skip(index * size).Take(size)
            .Select(u => new UserRow(u.Username, u.Email, u.DisplayName, u.Phone, u.Status, u.Enabled, u.LastSignIn)), ct);
        return new Page<UserRow>(rows, total, index, size);
    }
}
