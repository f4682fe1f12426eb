using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Sets or removes a profile picture: at most 500 KB, any common image format; it is decoded and re-encoded as a
/// small square PNG, so what is stored and served is never the uploaded file itself.
/// </summary>
public sealed class UpdateUserAvatar(IArcDataFactory dataFactory, ICurrentUser user, IAvatarImages images, AuditTrail audit) : IUseCase
{
    public const int MaxBytes = 500 * 1024;
    public const int Size = 256;

    public async Task HandleAsync(string username, byte[]? upload, CancellationToken ct = default)
    {
        var caller = await user.RequireSelfOrAsync(username, Perm.UserProfileWrite, ct);
        byte[]? avatar = null;
        if (upload is not null)
        {
            if (upload.Length == 0)
                throw new ValidationFailedException("avatar", "The file is empty.");
            if (upload.Length > MaxBytes)
                throw new ValidationFailedException("avatar", $"An avatar image can be {MaxBytes / 1024} KB at most.");
            avatar = images.ToAvatar(upload) ?? throw new ValidationFailedException("avatar", "That file is not an image the portal can read (PNG, JPEG, GIF, WebP or BMP).");
        }
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, caller, username, ct);
        account.Avatar = avatar;
        account.AvatarFileType = avatar is null ? null : "png";
        audit.Record(data, caller, AuditActions.UserProfileChanged, AuditEntityTypes.User, username, new { avatar = avatar is null ? "removed" : "set" });
        await data.SaveChangesAsync(ct);
    }
}
