using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class SignInTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<SignInResult> SignInAsync(string? email, string? password)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInWithPassword>().HandleAsync(email, password);
    }

    [Fact]
    public async Task The_right_password_signs_in_and_is_audited()
    {
        var username = await portal.CreateUserAsync("right@arc.test", "support");
        var result = await SignInAsync(" RIGHT@arc.test ", PortalServer.UserPassword);
        Assert.True(result.Succeeded);
        Assert.Equal(username, result.User!.Username);
        await using var db = portal.CreateDb();
        Assert.NotNull((await db.UserSet.SingleAsync(u => u.Username == username)).LastSignIn);
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.UserSignedIn && a.Actor == username));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var username = await portal.CreateUserAsync("locked@arc.test");
        for (var i = 0; i < 4; i++)
            Assert.Equal(SignInOutcome.InvalidCredentials, (await SignInAsync("locked@arc.test", "Wrong-Passw0rd!")).Outcome);
        var fifth = await SignInAsync("locked@arc.test", "Wrong-Passw0rd!");
        Assert.Equal(SignInOutcome.LockedOut, fifth.Outcome);
        Assert.Contains("locked", fifth.Message, StringComparison.Ordinal);
        Assert.Equal(SignInOutcome.LockedOut, (await SignInAsync("locked@arc.test", PortalServer.UserPassword)).Outcome);
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.UserLockedOut && a.EntityId == username));
        Assert.Equal(4, await db.AuditSet.CountAsync(a => a.Action == AuditActions.UserSignInFailed && a.EntityId == username));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var username = await portal.CreateUserAsync("disabled@arc.test", "all");
        await using (var db = portal.CreateDb())
        {
            (await db.UserSet.SingleAsync(u => u.Username == username)).Enabled = false;
            await db.SaveChangesAsync();
        }
        var result = await SignInAsync("disabled@arc.test", PortalServer.UserPassword);
        Assert.Equal(SignInOutcome.Disabled, result.Outcome);
        Assert.Null(result.User);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("nobody@arc.test", "Some-Passw0rd!")]
    [InlineData("' OR 1=1 --", "x")]
    public async Task Unknown_or_missing_credentials_are_refused_without_saying_which(string? email, string? password)
    {
        var result = await SignInAsync(email, password);
        Assert.False(result.Succeeded);
        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
    }

    [Fact]
    public async Task An_unknown_email_costs_the_same_password_check_as_a_known_one()
    {
        await portal.CreateUserAsync("known@arc.test");
        var hashing = new CountingHashing(portal.Services.GetRequiredService<IPasswordHashing>());
        await using var scope = portal.Services.CreateAsyncScope();
        var signIn = new SignInWithPassword(portal.Services.GetRequiredService<IArcDataFactory>(), hashing, new MfaSettings(),
            scope.ServiceProvider.GetRequiredService<AuditTrail>(), TimeProvider.System);

        Assert.Equal(SignInOutcome.InvalidCredentials, (await signIn.HandleAsync("known@arc.test", "Wrong-Passw0rd!")).Outcome);
        Assert.Equal(1, hashing.Verifications);
        var unknown = await signIn.HandleAsync("nobody-here@arc.test", "Wrong-Passw0rd!");
        Assert.Equal(SignInOutcome.InvalidCredentials, unknown.Outcome);
        Assert.Equal(2, hashing.Verifications);
    }

    [Theory]
    [InlineData("Password123!", "commonly used")]
    [InlineData("Welcome2024!", "commonly used")]
    [InlineData("{name}-is-my-password", "email")]
    [InlineData("Shrt-Pw0rd!", "at least 12")]
    public async Task A_new_password_must_satisfy_the_policy(string password, string reason)
    {
        var name = $"changer{Guid.NewGuid():N}"[..15];
        var username = await portal.CreateUserAsync(name + "@arc.test");
        var attempt = password.Replace("{name}", name, StringComparison.Ordinal);
        await using var scope = await portal.AsUserAsync(username);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<ChangePassword>()
            .HandleAsync(new ChangePasswordCommand(PortalServer.UserPassword, attempt, attempt)));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Errors.ContainsKey("newPassword"));
    }

    [Fact]
    public async Task Oversized_credentials_are_refused_before_any_hashing()
    {
        var result = await SignInAsync(new string('a', 10_000) + "@x", new string('b', 100_000));
        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
    }

    [Fact]
    public async Task Changing_the_password_checks_the_current_one_rotates_the_stamp_and_is_audited()
    {
        var username = await portal.CreateUserAsync("changer@arc.test");
        await using var db0 = portal.CreateDb();
        var oldStamp = (await db0.UserSet.SingleAsync(u => u.Username == username)).SecurityStamp;
        await using var scope = await portal.AsUserAsync(username);
        var change = scope.ServiceProvider.GetRequiredService<ChangePassword>();

        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            change.HandleAsync(new ChangePasswordCommand("Not-The-0ne!", "New-Passw0rd!", "New-Passw0rd!")));
        Assert.True(wrong.Errors.ContainsKey("currentPassword"));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            change.HandleAsync(new ChangePasswordCommand(PortalServer.UserPassword, "weak", "weak")));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            change.HandleAsync(new ChangePasswordCommand(PortalServer.UserPassword, "New-Passw0rd!", "Other-Passw0rd!")));

        var stamp = await change.HandleAsync(new ChangePasswordCommand(PortalServer.UserPassword, "New-Passw0rd!", "New-Passw0rd!"));
        Assert.NotEqual(oldStamp, stamp);
        Assert.True((await SignInAsync("changer@arc.test", "New-Passw0rd!")).Succeeded);
        Assert.False((await SignInAsync("changer@arc.test", PortalServer.UserPassword)).Succeeded);
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.UserPasswordChanged && a.Actor == username));
    }

    [Fact]
    public async Task An_anonymous_caller_cannot_change_a_password()
    {
        await using var scope = await portal.AsUserAsync(null);
        await Assert.ThrowsAsync<NotSignedInException>(() => scope.ServiceProvider.GetRequiredService<ChangePassword>()
            .HandleAsync(new ChangePasswordCommand("a", "New-Passw0rd!", "New-Passw0rd!")));
    }

    private sealed class CountingHashing(IPasswordHashing inner) : IPasswordHashing
    {
        public int Verifications { get; private set; }

        public string Hash(string password) => inner.Hash(password);

        public bool Verify(string hash, string password, out bool rehash)
        {
            Verifications++;
            return inner.Verify(hash, password, out rehash);
        }
    }
}
