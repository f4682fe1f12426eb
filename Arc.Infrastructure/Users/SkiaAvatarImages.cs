using Arc.Domain.Users;
using SkiaSharp;

namespace Arc.Infrastructure.Users;

/// <summary>Decodes an upload with Skia and re-encodes it as a centre-cropped square PNG; anything Skia cannot decode is refused.</summary>
public sealed class SkiaAvatarImages : IAvatarImages
{
    public const int MaxSourcePixels = 40_000_000;

    public byte[]? ToAvatar(byte[] upload)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(upload));
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxSourcePixels || codec.Info.Width == 0 || codec.Info.Height == 0)
            return null;
        using var source = SKBitmap.Decode(codec);
        if (source is null)
            return null;
        var side = Math.Min(source.Width, source.Height);
        var crop = new SKRectI((source.Width - side) / 2, (source.Height - side) / 2, (source.Width + side) / 2, (source.Height + side) / 2);
        var size = Math.Min(UpdateUserAvatar.Size, side);
        using var target = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.Transparent);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, crop, new SKRect(0, 0, size, size), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var encoded = target.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
