namespace Arc.Domain.Users;

/// <summary>Turns an uploaded picture into the portal's avatar format, or says it is not a picture.</summary>
public interface IAvatarImages
{
    /// <returns>A square PNG of at most <see cref="UpdateUserAvatar.Size"/> pixels, or null when the bytes are not an image.</returns>
    byte[]? ToAvatar(byte[] upload);
}
