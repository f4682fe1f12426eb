using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>A user's avatar as a data URI for a page, or null (any signed-in user may see avatars).</summary>
public sealed class GetUserAvatar(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<string?> HandleAsync(string username, CancellationToken ct = default)
    {
        await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var avatar = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username).Select(u => u.Avatar), ct);
        return avatar is null ? null : "data:image/png;base64," + Convert.ToBase64String(avatar);
    }
}
