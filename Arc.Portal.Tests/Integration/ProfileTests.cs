using System.Text;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
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

    public Task UpdateAttributesAsync(string username, string? verifiedEmail, string name, string? phone, CancellationToken ct = default)
    {
        lock (Calls)
            Calls.Add($"{username}|{verifiedEmail}|{name}|{phone}");
        return inner.UpdateAttributesAsync(username, verifiedEmail, name, phone, ct);
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

    private async Task<string> CodeSentToAsync(string address) =>
        System.Text.RegularExpressions.Regex.Match(await Portal.Mailbox.LatestTextAsync(address, EmailTemplates.EmailChangeCode), @"\b\d{6}\b").Value;

    [Fact]
    public async Task A_new_email_waits_for_the_code_sent_to_it_then_the_old_address_is_told_and_sessions_end()
    {
        var old = $"yul-{Guid.NewGuid():N}@arc.test";
        var username = await Portal.CreateUserAsync(old);
        var email = $"yul-new-{Guid.NewGuid():N}@arc.test";
        await using var scope = await Portal.AsUserAsync(username);
        var update = await scope.ServiceProvider.GetRequiredService<UpdateUserProfile>()
            .HandleAsync(username, new ProfileChange("Yul Brenner", email.ToUpperInvariant(), "+44 20 7946 0958", PortalServer.UserPassword));

        // Name and phone change at once; the email waits, and nothing unconfirmed reaches the directory.
        Assert.Equal(email, update.EmailAwaitingConfirmation);
        Assert.Contains($"{username}||Yul Brenner|+442079460958", fixture.Directory.Calls);
        await using (var db = Portal.CreateDb())
        {
            var waiting = await db.UserSet.SingleAsync(u => u.Username == username);
            Assert.Equal((old, email, "Yul Brenner", "+442079460958"), (waiting.Email, waiting.PendingEmail, waiting.DisplayName, waiting.Phone));
        }

        var confirm = scope.ServiceProvider.GetRequiredService<ConfirmEmailChange>();
        var code = await CodeSentToAsync(email);
        await Assert.ThrowsAsync<ValidationFailedException>(() => confirm.HandleAsync(username, code == "000000" ? "111111" : "000000"));
        Assert.Equal(email, await confirm.HandleAsync(username, code));

        Assert.Contains($"{username}|{email}|Yul Brenner|+442079460958", fixture.Directory.Calls);
        await using var after = Portal.CreateDb();
        var user = await after.UserSet.SingleAsync(u => u.Username == username);
        Assert.Equal((email, (string?)null), (user.Email, user.PendingEmail));
        Assert.True(await after.OutboxEmailSet.AnyAsync(e => e.To == old && e.Template == EmailTemplates.EmailChanged && e.Text.Contains(email)));
        Assert.False(await after.Set<UserSession>().AnyAsync(s => s.Username == username && s.Ended == null));
        Assert.True(await after.AuditSet.AnyAsync(e => e.EntityId == username && e.Action == AuditActions.UserEmailChanged));
    }

    [Fact]
    public async Task Email_and_phone_changes_ask_for_the_current_password_and_wrong_ones_count_towards_lockout()
    {
        var email = $"proof-{Guid.NewGuid():N}@arc.test";
        var username = await Portal.CreateUserAsync(email);
        await using var scope = await Portal.AsUserAsync(username);
        var update = scope.ServiceProvider.GetRequiredService<UpdateUserProfile>();

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => update.HandleAsync(username, new ProfileChange("P", email, "+15415550123")));
        Assert.True(missing.Errors.ContainsKey(Reauthentication.Field));
        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            update.HandleAsync(username, new ProfileChange("P", $"elsewhere-{Guid.NewGuid():N}@arc.test", null, "not-my-password-at-all")));
        Assert.Contains("not your current password", wrong.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            update.HandleAsync(username, new ProfileChange("P", email, "+15415550123", new string('x', 100_000))));

        await using var db = Portal.CreateDb();
        var user = await db.UserSet.SingleAsync(u => u.Username == username);
        Assert.Equal((2, (string?)null, (string?)null), (user.FailedSignIns, user.Phone, user.PendingEmail));
        // A name alone needs no proof.
        await update.HandleAsync(username, new ProfileChange("Just a name", user.Email, null));
    }

    [Fact]
    public async Task A_confirmation_code_voids_after_five_wrong_tries_and_hostile_codes_change_nothing()
    {
        var old = $"guess-{Guid.NewGuid():N}@arc.test";
        var username = await Portal.CreateUserAsync(old);
        await using var scope = await Portal.AsUserAsync(username);
        await scope.ServiceProvider.GetRequiredService<UpdateUserProfile>()
            .HandleAsync(username, new ProfileChange("Guesser", $"guess-new-{Guid.NewGuid():N}@arc.test", null, PortalServer.UserPassword));
        var confirm = scope.ServiceProvider.GetRequiredService<ConfirmEmailChange>();
        foreach (var hostile in new[] { "", "12345", "1234567", "abcdef", "١٢٣٤٥٦", new string('9', 10_000), "12345\n" })
            await Assert.ThrowsAsync<ValidationFailedException>(() => confirm.HandleAsync(username, hostile));
        string email;
        await using (var pending = Portal.CreateDb())
            email = await pending.UserSet.Where(u => u.Username == username).Select(u => u.PendingEmail!).SingleAsync();
        var wrong = await CodeSentToAsync(email) == "000001" ? "000002" : "000001";
        string? last = null;
        for (var i = 0; i < ConfirmEmailChange.MaxAttempts; i++)
            last = (await Assert.ThrowsAsync<ValidationFailedException>(() => confirm.HandleAsync(username, wrong))).Message;
        Assert.Contains("cancelled", last, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => confirm.HandleAsync(username, "000003"));
        await using var db = Portal.CreateDb();
        var kept = await db.UserSet.SingleAsync(u => u.Username == username);
        Assert.Equal((old, (string?)null), (kept.Email, kept.PendingEmail));
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
        Assert.StartsWith("data:image/png;base64,", await scope.ServiceProvider.GetRequiredService<GetUserAvatar>().HandleAsync(username), StringComparison.Ordinal);
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
