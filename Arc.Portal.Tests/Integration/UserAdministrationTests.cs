using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class UserAdministrationTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task AsAdminAsync(Func<IServiceProvider, Task> action) => AsAdminAsync(async sp => { await action(sp); return 0; });

    private Task<string> CreateAsync(string email, string name = "Casey Jones", string? phone = null, IReadOnlyList<int>? groups = null) =>
        AsAdminAsync(sp => sp.GetRequiredService<CreateUser>().HandleAsync(new NewUser(name, email, phone, MfaPreference.Off, groups)));

    /// <summary>The temporary password of the newest invitation, read from the delivered email as the user would.</summary>
    private async Task<string> TemporaryPasswordAsync(string email) =>
        System.Text.RegularExpressions.Regex.Match(await portal.Mailbox.LatestTextAsync(email, EmailTemplates.UserInvitation), @"Temporary password: (\S+)").Groups[1].Value;

    private async Task<SignInResult> SignInAsync(string email, string password)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInWithPassword>().HandleAsync(email, password);
    }

    [Fact]
    public async Task A_new_user_is_invited_by_email_and_must_choose_a_password_at_first_sign_in()
    {
        var email = $"casey-{Guid.NewGuid():N}@example.com";
        var username = await CreateAsync(email.ToUpperInvariant(), phone: "+1 (541) 555-0123");

        await using (var db = portal.CreateDb())
        {
            var user = await db.UserSet.SingleAsync(u => u.Username == username);
            Assert.Equal((email, "Casey Jones", "+15415550123", DirectoryStatus.ForceChangePassword), (user.Email, user.DisplayName, user.Phone, user.Status));
            Assert.Equal([CreateUser.DefaultGroupId], await db.GroupMemberSet.Where(m => m.Username == username).Select(m => m.GroupId).ToListAsync());
            var invitation = await db.OutboxEmailSet.SingleAsync(e => e.To == email);
            Assert.True(invitation.Sensitive);
            Assert.Contains("/account/login", invitation.Text, StringComparison.Ordinal);
            Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.UserCreated && a.EntityId == username));
        }
        var temporary = await TemporaryPasswordAsync(email);
        Assert.Null(portal.Services.GetRequiredService<PasswordPolicy>().Check(temporary));

        var signIn = await SignInAsync(email, temporary);
        Assert.True(signIn.Succeeded);
        Assert.True(signIn.User!.MustChangePassword);

        await using (var scope = await portal.AsUserAsync(username))
            await scope.ServiceProvider.GetRequiredService<ChangePassword>().HandleAsync(new ChangePasswordCommand(temporary, "Casey-Own-Passw0rd!", "Casey-Own-Passw0rd!"));
        await using (var db = portal.CreateDb())
            Assert.Equal(DirectoryStatus.Confirmed, (await db.UserSet.SingleAsync(u => u.Username == username)).Status);
        var resend = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<ResendInvitation>().HandleAsync(username)));
        Assert.Contains("already chosen a password", resend.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resent_invitation_replaces_the_temporary_password_and_an_expired_one_is_refused()
    {
        var email = $"dana-{Guid.NewGuid():N}@example.com";
        var username = await CreateAsync(email);
        var first = await TemporaryPasswordAsync(email);

        await AsAdminAsync(sp => sp.GetRequiredService<ResendInvitation>().HandleAsync(username));
        var second = await TemporaryPasswordAsync(email);
        Assert.NotEqual(first, second);
        Assert.False((await SignInAsync(email, first)).Succeeded);
        Assert.True((await SignInAsync(email, second)).Succeeded);

        await using (var db = portal.CreateDb())
            await db.UserSet.Where(u => u.Username == username).ExecuteUpdateAsync(s => s.SetProperty(u => u.TemporaryPasswordExpires, DateTimeOffset.UtcNow.AddMinutes(-1)));
        var expired = await SignInAsync(email, second);
        Assert.False(expired.Succeeded);
        Assert.Contains("temporary password has expired", expired.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string?, string?, string, string> BadUsers => new()
    {
        { "", "a@example.com", null, "displayName", "Name is required." },
        { new string('n', 101), "a@example.com", null, "displayName", "at most 100 characters" },
        { "Ann\u0000", "a@example.com", null, "displayName", "control characters" },
        { "Ann\u202eadmin", "a@example.com", null, "displayName", "invisible formatting" },
        { "Ann", "jos\u00e9@example.com", null, "email", "Invalid email format." },
        { "Ann", "", null, "email", "Email is required." },
        { "Ann", "not-an-email", null, "email", "Invalid email format." },
        { "Ann", "a@example.com\r\nBcc: x@example.com", null, "email", "Invalid email format." },
        { "Ann", new string('a', 250) + "@example.com", null, "email", "Invalid email format." },
        { "Ann", "a@example.com", "555-0123", "phone", "Invalid phone number" },
        { "Ann", "a@example.com", "+1 541 555 0123 ext 9", "phone", "Invalid phone number" },
        { "<script>alert(1)</script>", "a@example.com", "+0123456789", "phone", "Invalid phone number" },
    };

    [Theory]
    [MemberData(nameof(BadUsers))]
    public async Task Bad_input_is_refused_on_its_field_and_nothing_is_created(string? name, string? email, string? phone, string field, string message)
    {
        await using var db = portal.CreateDb();
        var users = await db.UserSet.CountAsync();
        var mails = await db.OutboxEmailSet.CountAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<CreateUser>().HandleAsync(new NewUser(name, email, phone))));

        Assert.Contains(message, Assert.Single(error.Errors[field]), StringComparison.Ordinal);
        Assert.Equal(users, await db.UserSet.CountAsync());
        Assert.Equal(mails, await db.OutboxEmailSet.CountAsync());
    }

    [Fact]
    public async Task A_duplicate_email_or_an_unknown_group_is_refused_and_nothing_is_created()
    {
        var email = $"erin-{Guid.NewGuid():N}@example.com";
        await CreateAsync(email);
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(email.ToUpperInvariant()));
        Assert.Contains("exists already", duplicate.Errors["email"][0], StringComparison.Ordinal);

        var other = $"fay-{Guid.NewGuid():N}@example.com";
        var group = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(other, groups: [9, 4242]));
        Assert.Contains("4242", group.Errors["groups"][0], StringComparison.Ordinal);
        await using var db = portal.CreateDb();
        Assert.Equal(1, await db.UserSet.CountAsync(u => u.Email == email));
        Assert.False(await db.UserSet.AnyAsync(u => u.Email == other));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_nobody_disables_themselves()
    {
        var email = $"gil-{Guid.NewGuid():N}@example.com";
        var username = await CreateAsync(email);
        var temporary = await TemporaryPasswordAsync(email);

        await AsAdminAsync(sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(username, false));
        var refused = await SignInAsync(email, temporary);
        Assert.Equal(SignInOutcome.Disabled, refused.Outcome);
        var list = await AsAdminAsync(sp => sp.GetRequiredService<ListUsers>().HandleAsync(new UserQuery(email, ListUsers.Disabled)));
        Assert.Equal(username, Assert.Single(list.Items).Username);

        await AsAdminAsync(sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(username, true));
        Assert.True((await SignInAsync(email, temporary)).Succeeded);

        var admin = await portal.AdminUsernameAsync();
        var self = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(admin, false)));
        Assert.Contains("your own account", self.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_changes_change_the_permissions_the_user_page_shows_and_the_list_filters_by_group()
    {
        var email = $"hal-{Guid.NewGuid():N}@example.com";
        var username = await CreateAsync(email);
        var before = await AsAdminAsync(sp => sp.GetRequiredService<GetUser>().HandleAsync(username));
        Assert.DoesNotContain(Arc.Domain.Permissions.Perm.VehicleRead, before.Permissions);

        await AsAdminAsync(sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(username, 6, member: true));
        var after = await AsAdminAsync(sp => sp.GetRequiredService<GetUser>().HandleAsync(username));
        Assert.Contains(Arc.Domain.Permissions.Perm.VehicleRead, after.Permissions);
        Assert.Contains(after.Groups, g => g.Id == 6);
        var inGroup = await AsAdminAsync(sp => sp.GetRequiredService<ListUsers>().HandleAsync(new UserQuery(GroupId: 6)));
        Assert.Contains(inGroup.Items, u => u.Username == username);

        await AsAdminAsync(sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(username, 6, member: false));
        Assert.DoesNotContain((await AsAdminAsync(sp => sp.GetRequiredService<GetUser>().HandleAsync(username))).Groups, g => g.Id == 6);
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdminAsync(sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(username, 4242, member: true)));
    }

    [Fact]
    public async Task The_list_searches_names_and_emails_and_refuses_an_oversized_search()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        await CreateAsync($"ivy-{tag}@example.com", name: $"Ivy {tag}");
        var byName = await AsAdminAsync(sp => sp.GetRequiredService<ListUsers>().HandleAsync(new UserQuery($"IVY {tag}")));
        Assert.Single(byName.Items);
        Assert.Equal(DirectoryStatus.ForceChangePassword, byName.Items[0].Status);
        var none = await AsAdminAsync(sp => sp.GetRequiredService<ListUsers>().HandleAsync(new UserQuery("' OR 1=1 --")));
        Assert.Empty(none.Items);
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<ListUsers>().HandleAsync(new UserQuery(new string('x', 101)))));
    }

    [Fact]
    public async Task Users_see_their_own_page_but_not_others_without_the_permission()
    {
        var username = await portal.CreateUserAsync($"self-{Guid.NewGuid():N}@arc.test");
        await using var scope = await portal.AsUserAsync(username);
        var get = scope.ServiceProvider.GetRequiredService<GetUser>();
        Assert.Equal(username, (await get.HandleAsync(username)).Username);
        await Assert.ThrowsAsync<PermissionDeniedException>(async () => await get.HandleAsync(await portal.AdminUsernameAsync()));
    }

    [Fact]
    public async Task Mfa_can_be_required_and_a_deleted_user_is_gone_from_the_portal_and_the_directory()
    {
        var email = $"mo-{Guid.NewGuid():N}@example.com";
        var username = await CreateAsync(email);
        await AsAdminAsync(sp => sp.GetRequiredService<SetUserMfa>().HandleAsync(username, MfaPreference.Required));
        Assert.Equal(MfaPreference.Required, (await portal.Services.GetRequiredService<IUserDirectory>().GetAsync(username))!.Mfa);
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<SetUserMfa>().HandleAsync(username, "sometimes")));

        await AsAdminAsync(sp => sp.GetRequiredService<DeleteUser>().HandleAsync(username));
        Assert.Null(await portal.Services.GetRequiredService<IUserDirectory>().GetAsync(username));
        await using var db = portal.CreateDb();
        Assert.False(await db.GroupMemberSet.AnyAsync(m => m.Username == username));
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.UserDeleted && a.EntityId == username));
        var admin = await portal.AdminUsernameAsync();
        await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<DeleteUser>().HandleAsync(admin)));
    }

    [Fact]
    public async Task Preferences_take_only_the_values_they_allow()
    {
        var email = $"pref-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email, "support");
        await using var scope = await portal.AsUserAsync(username);
        var preferences = scope.ServiceProvider.GetRequiredService<SetMyPreference>();
        var mine = scope.ServiceProvider.GetRequiredService<GetMyPreferences>();
        // Support staff cannot open the users list, so they cannot land on it.
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => preferences.HandleAsync(PreferenceKeys.LandingPage, "/users"));
        Assert.Contains("cannot open that page", refused.Message, StringComparison.Ordinal);
        var signIn = scope.ServiceProvider.GetRequiredService<SignInWithPassword>();
        // Without a choice: the vehicle list, which support staff may see.
        Assert.Equal("/vehicles", (await signIn.HandleAsync(email, PortalServer.UserPassword)).LandingPage);
        await preferences.HandleAsync(PreferenceKeys.LandingPage, "/profile");
        await preferences.HandleAsync(PreferenceKeys.DefaultUserTab, "fleets");
        Assert.Equal("/profile", (await mine.HandleAsync())[PreferenceKeys.LandingPage]);
        var signedIn = await signIn.HandleAsync(email, PortalServer.UserPassword);
        Assert.True(signedIn.Succeeded);
        Assert.Equal("/profile", signedIn.LandingPage);

        // Someone with no permission at all lands on their profile.
        var nobody = $"nobody-{Guid.NewGuid():N}@arc.test";
        await portal.CreateUserAsync(nobody);
        Assert.Equal("/profile", (await signIn.HandleAsync(nobody, PortalServer.UserPassword)).LandingPage);
        await Assert.ThrowsAsync<ValidationFailedException>(() => preferences.HandleAsync(PreferenceKeys.LandingPage, "https://evil.example.com/"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => preferences.HandleAsync(PreferenceKeys.LandingPage, "//evil.example.com"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => preferences.HandleAsync("dark_mode'; --", "true"));
        await preferences.HandleAsync(PreferenceKeys.LandingPage, null);
        Assert.False((await mine.HandleAsync()).ContainsKey(PreferenceKeys.LandingPage));
    }
}
