using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>One's own preferences, by key.</summary>
public sealed class GetMyPreferences(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyDictionary<string, string>> HandleAsync(CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var list = await data.ListAsync(data.UserPreferences.Where(p => p.Username == username), ct);
        return list.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
