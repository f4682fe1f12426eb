using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Arc.Infrastructure.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Arc.Portal.Tests.Integration;

/// <summary>The local directory, with a record of what the portal asked of it.</summary>
public sealed class RecordingDirectory(IUserDirectory inner) : IUserDirectory
{
    public List<string> Calls { get; } = [];
    public string Name => inner.Name;
    public Task<DirectoryUser> CreateAsync(NewDirectoryUser user, CancellationToken ct = default) => inner.CreateAsync(user, ct);
    public Task<DirectoryUser?> GetAsync(string username, CancellationToken ct = default) => inner.GetAsync(username, ct);
    public Task<DirectoryPage> ListAsync(string? emailPrefix, int limit, string? nextToken, CancellationToken ct = default) => inner.ListAsync(emailPrefix, limit, nextToken, ct);
    public Task SetTemporaryPasswordAsync(string username, string temporaryPassword, CancellationToken ct = default) => inner.SetTemporaryPasswordAsync(username, temporaryPassword, ct);
    public Task SetEnabledAsync(string username, bool enabled, CancellationToken ct = default) => inner.SetEnabledAsync(username, enabled, ct);
    public Task DeleteAsync(string username, CancellationToken ct = default) => inner.DeleteAsync(username, ct);
    public Task ResetPasswordAsync(string username, CancellationToken ct = default) => inner.ResetPasswordAsync(username, ct);
    public Task SetMfaAsync(string username, string preference, CancellationToken ct = default) => inner.SetMfaAsync(username, preference, ct);
    public Task SignOutEverywhereAsync(string username, CancellationToken ct = default) => inner.SignOutEverywhereAsync(username, ct);

    public Task UpdateAttributesAsync(string username, string email, string name, string? phone, CancellationToken ct = default)
    {
        lock (Calls)
            Calls.Add($"{username}|{email}|{name}|{phone}");
        return inner.UpdateAttributesAsync(username, email, name, phone, ct);
    }
}

public sealed class DirectoryRecordingPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new();
    public RecordingDirectory Directory => (RecordingDirectory)Portal.Services.GetRequiredService<IUserDirectory>();

    public Task InitializeAsync()
    {
        Portal.ConfigureServices = services =>
        {
            services.AddSingleton<LocalUserDirectory>();
            services.AddSingleton<IUserDirectory>(sp => new RecordingDirectory(sp.GetRequiredService<LocalUserDirectory>()));
        };
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class ProfileTests(DirectoryRecordingPortal fixture) : IClassFixture<DirectoryRecordingPortal>
{
    private PortalServer Portal => fixture.Portal;

    private static byte[] Picture(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
            canvas.Clear(SKColors.OrangeRed);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    [Fact]
    public async Task A_user_edits_their_own_profile_and_the_change_is_mirrored_to_the_directory()
    {
        var username = await Portal.CreateUserAsync($"yul-{Guid.NewGuid():N}@arc.test");
        var email = $"yul-new-{Guid.NewGuid():N}@arc.test";
        await using (var scope = await Portal.AsUserAsync(username))
            await scope.ServiceProvider.GetRequiredService<UpdateUserProfile>().HandleAsync(username, new ProfileChange("Yul Brenner", email.ToUpperInvariant(), "+44 20 7946 0958"));

        Assert.Contains($"{username}|{email}|Yul Brenner|+442079460958", fixture.Directory.Calls);
        await using var db = Portal.CreateDb();
        var user = await db.UserSet.SingleAsync(u => u.Username == username);
        Assert.Equal((email, "Yul Brenner", "+442079460958"), (user.Email, user.DisplayName, user.Phone));
    }

    [Fact]
    public async Task Someone_elses_profile_needs_the_permission_and_a_taken_email_is_refused()
    {
        var first = $"zed-{Guid.NewGuid():N}@arc.test";
        var target = await Portal.CreateUserAsync(first);
        var other = await Portal.CreateUserAsync($"ola-{Guid.NewGuid():N}@arc.test", "support");
        await using (var scope = await Portal.AsUserAsync(other))
            await Assert.ThrowsAsync<PermissionDeniedException>(() =>
                scope.ServiceProvider.GetRequiredService<UpdateUserProfile>().HandleAsync(target, new ProfileChange("Hijack", first, null)));
        await using (var admin = await Portal.AsUserAsync(await Portal.AdminUsernameAsync()))
        {
            var taken = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                admin.ServiceProvider.GetRequiredService<UpdateUserProfile>().HandleAsync(target, new ProfileChange("Zed", PortalServer.AdminEmail, null)));
            Assert.Contains("exists already", taken.Errors["email"][0], StringComparison.Ordinal);
            await Assert.ThrowsAsync<ValidationFailedException>(() =>
                admin.ServiceProvider.GetRequiredService<UpdateUserProfile>().HandleAsync(target, new ProfileChange("Zed", first, "call me")));
        }
        await using var db = Portal.CreateDb();
        Assert.Equal(first, (await db.UserSet.SingleAsync(u => u.Username == target)).Email);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public async Task A_picture_is_cropped_and_re_encoded_as_a_small_png(SKEncodedImageFormat format)
    {
        var username = await Portal.CreateUserAsync($"pic-{Guid.NewGuid():N}@arc.test");
        await using var scope = await Portal.AsUserAsync(username);
        await scope.ServiceProvider.GetRequiredService<UpdateUserAvatar>().HandleAsync(username, Picture(640, 400, format));

        await using var db = Portal.CreateDb();
        var stored = (await db.UserSet.SingleAsync(u => u.Username == username)).Avatar!;
        using var decoded = SKBitmap.Decode(stored);
        Assert.Equal((256, 256), (decoded.Width, decoded.Height));
        Assert.Equal(0x89, stored[0]); // PNG signature
        Assert.StartsWith("data:image/png;base64,", await scope.ServiceProvider.GetRequiredService<UpdateUserAvatar>().DataUriAsync(username), StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> BadPictures => new()
    {
        { "empty", [], "empty" },
        { "text", Encoding.UTF8.GetBytes("just some text pretending to be a picture"), "not an image" },
        { "svg with script", Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), "not an image" },
        { "truncated png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "not an image" },
        { "oversized", new byte[UpdateUserAvatar.MaxBytes + 1], "500 KB at most" },
    };

    [Theory]
    [MemberData(nameof(BadPictures))]
    public async Task Anything_but_a_picture_of_at_most_500_KB_is_refused_and_the_old_avatar_kept(string what, byte[] upload, string message)
    {
        var username = await Portal.CreateUserAsync($"bad-{Guid.NewGuid():N}@arc.test");
        await using var scope = await Portal.AsUserAsync(username);
        var avatars = scope.ServiceProvider.GetRequiredService<UpdateUserAvatar>();
        await avatars.HandleAsync(username, Picture(100, 100, SKEncodedImageFormat.Png));
        await using var db = Portal.CreateDb();
        var before = (await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == username)).Avatar;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => avatars.HandleAsync(username, upload));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == username)).Avatar);
        Assert.NotEmpty(what);
    }
}
