using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Components.Email;
using Arc.Portal.Components.Users;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Components;

public sealed class UserComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_new_user_form_shows_each_problem_on_its_field_only_and_creates_nothing()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UserCreate, Perm.GroupsRead);
        var cut = ctx.RenderWithProviders<CreateUserPage>();
        await using var db = portal.CreateDb();
        var before = await db.UserSet.CountAsync();

        cut.Find("#user-name").Input("Kim");
        cut.Find("#user-email").Input("kim at example");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Invalid email format.", cut.Markup, StringComparison.Ordinal));

        cut.Find("#user-email").Input("kim@example.com");
        cut.Find("#user-phone").Input("12");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Invalid phone number", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Invalid email format.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(["user-phone"], cut.FindAll("input[aria-invalid=true]").Select(i => i.Id));
        Assert.Equal(before, await db.UserSet.CountAsync());
    }

    [Fact]
    public async Task The_users_list_finds_a_user_by_name_and_shows_their_status()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await portal.CreateUserAsync($"lee-{tag}@arc.test");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UsersRead);
        var cut = ctx.RenderWithProviders<UserList>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=user-table] tbody tr a")));

        cut.Find("#user-search").Input($"lee-{tag}");
        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("[data-testid=user-table] tbody tr"));
            Assert.Contains($"lee-{tag}@arc.test", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Confirmed", row.TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=new-user]")); // no users.user.create
    }

    [Fact]
    public async Task A_user_page_shows_the_invitation_warning_and_hides_actions_the_operator_lacks()
    {
        string username;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            username = await scope.ServiceProvider.GetRequiredService<CreateUser>().HandleAsync(new NewUser("Max Invited", $"max-{Guid.NewGuid():N}@example.com", null));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UserRead);
        var cut = ctx.RenderWithProviders<UserPage>(p => p.Add(c => c.Username, username));

        cut.WaitForAssertion(() => Assert.Contains("User unconfirmed", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Arcimoto", cut.Find("[data-testid=user-group-list]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=disable-user]"));
        Assert.Empty(cut.FindAll("[data-testid=resend-invite]"));
        Assert.Empty(cut.FindAll("[data-testid=add-group]"));
    }

    [Fact]
    public async Task An_unknown_user_says_so()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UserRead);
        var cut = ctx.RenderWithProviders<UserPage>(p => p.Add(c => c.Username, "no-such-user"));
        cut.WaitForAssertion(() => Assert.Contains("does not exist", cut.Find("[data-testid=user-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_mail_outbox_opens_a_message()
    {
        var email = $"nia-{Guid.NewGuid():N}@example.com";
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<CreateUser>().HandleAsync(new NewUser("Nia", email, null));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.MailOutboxRead);
        var cut = ctx.RenderWithProviders<MailOutboxPage>();
        cut.Find("#mail-to").Input(email);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=mail-table] tbody tr a")), TimeSpan.FromSeconds(10));

        // Found and clicked in one renderer turn: the list may re-render (its search debounce) in between otherwise.
        await cut.InvokeAsync(() => cut.Find("[data-testid=mail-table] tbody tr a").Click());

        cut.WaitForAssertion(() => Assert.Contains($"Temporary password: {Arc.Domain.Email.OutboxSecrets.Mask}", cut.Find("[data-testid=mail-text]").TextContent,
            StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=mail-secret-masked]"));
        // The password itself reached the user's mailbox, and is nowhere on the page; the opening is in the audit log.
        var delivered = await portal.Mailbox.LatestTextAsync(email, Arc.Domain.Email.EmailTemplates.UserInvitation);
        var password = System.Text.RegularExpressions.Regex.Match(delivered, @"Temporary password: (\S+)").Groups[1].Value;
        Assert.Equal(16, password.Length);
        Assert.DoesNotContain(password, cut.Markup, StringComparison.Ordinal);
        await using var db = portal.CreateDb();
        var id = await db.OutboxEmailSet.Where(e => e.To == email).Select(e => e.Id).SingleAsync();
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == Arc.Domain.Audit.AuditActions.OutboxSecretEmailOpened && a.EntityType == "Email"
            && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public sealed class UserProfileComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_profile_editor_saves_a_change_and_shows_a_bad_phone_on_its_field()
    {
        var email = $"ed-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UserRead, Perm.UserProfileWrite);
        var cut = ctx.RenderWithProviders<UserPage>(p => p.Add(c => c.Username, username));
        cut.WaitForAssertion(() => cut.Find("[data-testid=edit-profile]").Click());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#profile-phone")));

        cut.Find("#profile-phone").Input("not a phone");
        cut.Find("[data-testid=profile-editor] form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(["profile-phone"], cut.FindAll("input[aria-invalid=true]").Select(i => i.Id)));

        // A phone change asks for the caller's password; a name alone does not.
        cut.Find("#profile-phone").Input("");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#profile-proof")));
        cut.Find("#profile-name").Input("Ed Edited");
        cut.Find("#profile-phone").Input("+15415550100");
        cut.WaitForAssertion(() => cut.Find("#profile-proof").Input(PortalServer.AdminPassword));
        cut.Find("[data-testid=profile-editor] form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Ed Edited", cut.Find("[data-testid=user-header]").TextContent, StringComparison.Ordinal));
        Assert.Contains("+15415550100", cut.Find("[data-testid=user-header]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_first_user_tab_is_a_preference_only_for_those_who_can_open_user_pages(bool canReadUsers)
    {
        string[] permissions = canReadUsers ? [Perm.VehicleRead, Perm.UsersRead] : [Perm.VehicleRead];
        await using var ctx = await ComponentHost.CreateAsync(portal, permissions);
        var cut = ctx.RenderWithProviders<Arc.Portal.Components.Users.Account.Profile>();
        cut.WaitForAssertion(() => Assert.Contains("Page after sign-in", cut.Find("[data-testid=preferences]").TextContent, StringComparison.Ordinal));
        Assert.Equal(canReadUsers, cut.FindAll("[data-testid=default-user-tab]").Count > 0);
    }

    [Fact]
    public async Task The_vehicles_tab_pages_through_a_fleet_members_vehicles_and_says_when_there_are_none()
    {
        var member = await portal.CreateUserAsync($"tab-{Guid.NewGuid():N}@arc.test");
        var loner = await portal.CreateUserAsync($"loner-{Guid.NewGuid():N}@arc.test");
        int fleet;
        await using (var db = portal.CreateDb())
        {
            fleet = await db.FleetSet.Where(f => f.Id != Arc.Domain.Fleets.Fleet.MakerFleetId).Select(f => f.Id).FirstAsync();
            db.FleetUserSet.Add(new Arc.Domain.Fleets.FleetUser { FleetId = fleet, Username = member });
            await db.SaveChangesAsync();
        }
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UserRead);
        var cut = ctx.RenderWithProviders<UserVehicles>(p => p.Add(c => c.Username, member));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=user-vehicles] a.arc-vin")));

        var none = ctx.Render<UserVehicles>(p => p.Add(c => c.Username, loner));
        none.WaitForAssertion(() => Assert.Contains("No vehicles through fleets.", none.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Turning_off_someones_authenticator_asks_for_the_operators_own_password_first()
    {
        var username = await portal.CreateUserAsync($"lost-phone-{Guid.NewGuid():N}@arc.test");
        await using (var db = portal.CreateDb())
        {
            var user = await db.UserSet.SingleAsync(u => u.Username == username);
            var sealedSecret = await portal.Services.GetRequiredService<Arc.Domain.Authorities.IKeyVault>().SealAsync(new byte[20], Arc.Domain.Authorities.SealContext.Totp(username));
            (user.TotpCiphertext, user.TotpKeyReference, user.TotpEnabled, user.Mfa) = (sealedSecret.Ciphertext, sealedSecret.KeyReference, true, MfaPreference.Optional);
            await db.SaveChangesAsync();
        }
        UserDetail detail;
        await using (var admin = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            detail = await admin.ServiceProvider.GetRequiredService<GetUser>().HandleAsync(username);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UserRead, Perm.UserProfileWrite);
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.RenderWithProviders<UserMfaSettings>(p => p.Add(c => c.User, detail).Add(c => c.CanEdit, true));

        cut.Find("[data-testid=disable-totp]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#dialog-proof").Input("Not-the-operators-password"));
        dialogs.Find("[data-testid=dialog-proof-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Contains("not your current password", cut.Find("[data-testid=mfa-action-error]").TextContent, StringComparison.Ordinal));
        await using (var db = portal.CreateDb())
            Assert.True((await db.UserSet.SingleAsync(u => u.Username == username)).TotpEnabled);

        cut.Find("[data-testid=disable-totp]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#dialog-proof").Input(PortalServer.AdminPassword));
        dialogs.Find("[data-testid=dialog-proof-confirm]").Click();
        await Eventually.ReturnsAsync(async () =>
        {
            await using var db = portal.CreateDb();
            return (await db.UserSet.SingleAsync(u => u.Username == username)).TotpEnabled;
        }, enabled => !enabled, TimeSpan.FromSeconds(10), "turning the authenticator off");
    }
}
