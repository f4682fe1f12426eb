using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class UserBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_admin_invites_a_user_who_signs_in_with_the_emailed_password_and_is_later_disabled()
    {
        var email = $"jo-{Guid.NewGuid():N}"[..12] + "@example.com";
        var admin = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("user-table")).ToContainTextAsync(PortalServer.AdminEmail);
        await PortalAndBrowser.ScreenshotAsync(admin, "user-list");
        await admin.GetByTestId("new-user").ClickAsync();

        // Bad input first: the form says what is wrong, on the field.
        await admin.FillAsync("#user-name", "Jo Tester");
        await admin.FillAsync("#user-email", "jo at example");
        await admin.FillAsync("#user-phone", "555-0123");
        await admin.GetByTestId("create-user").ClickAsync();
        await Expect(admin.GetByText("Invalid email format.")).ToBeVisibleAsync();
        await admin.FillAsync("#user-email", email);
        await admin.GetByTestId("create-user").ClickAsync();
        await Expect(admin.GetByText("Invalid phone number", new() { Exact = false })).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(admin, "user-create-errors");
        await admin.FillAsync("#user-phone", "+1 541 555 0123");
        // No group chosen: the form says which one the user joins, and so does the confirmation.
        await Expect(admin.GetByText("None chosen: the Arcimoto group")).ToBeVisibleAsync();
        await admin.GetByTestId("create-user").ClickAsync();
        await Expect(admin.GetByText($"User created in the Arcimoto group; the invitation is on its way to {email}.")).ToBeVisibleAsync();

        await Expect(admin).ToHaveURLAsync(new Regex("/users/[0-9a-f-]{36}$"));
        var userUrl = admin.Url;
        await Expect(admin.GetByTestId("user-unconfirmed")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("user-header")).ToContainTextAsync("+15415550123");
        await PortalAndBrowser.ScreenshotAsync(admin, "user-page");

        // A picture: a text file is refused, an image becomes the avatar.
        await admin.GetByTestId("edit-profile").ClickAsync();
        await admin.Locator("#avatar-file").ChooseFileAsync(new FilePayload { Name = "notes.png", MimeType = "image/png", Buffer = "not a picture"u8.ToArray() });
        await Expect(admin.GetByTestId("profile-error")).ToContainTextAsync("not an image");
        byte[] picture;
        using (var bitmap = new SkiaSharp.SKBitmap(300, 200))
        {
            using (var canvas = new SkiaSharp.SKCanvas(bitmap))
                canvas.Clear(SkiaSharp.SKColors.Teal);
            using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            picture = data.ToArray();
        }
        await admin.Locator("#avatar-file").ChooseFileAsync(new FilePayload { Name = "jo.png", MimeType = "image/png", Buffer = picture });
        await Expect(admin.GetByTestId("user-avatar")).ToBeVisibleAsync();

        // The invitation is sent again (say the first was lost): a new temporary password replaces the first.
        await admin.GetByTestId("resend-invite").ClickAsync();
        await Expect(admin.GetByText($"A new invitation is on its way to {email}.")).ToBeVisibleAsync();

        // Both invitations reach the user's mailbox, each with its own temporary password.
        var delivered = await Fixture.Portal.Mailbox.AllAsync(email, Arc.Domain.Email.EmailTemplates.UserInvitation);
        Assert.Equal(2, delivered.Count);
        var first = Regex.Match(delivered[0].Text, "Temporary password: (\\S+)").Groups[1].Value;
        var temporary = Regex.Match(delivered[1].Text, "Temporary password: (\\S+)").Groups[1].Value;
        Assert.Equal(16, temporary.Length);
        Assert.Equal(16, first.Length);
        Assert.NotEqual(first, temporary);
        Assert.All(delivered, mail => Assert.Contains("An account has been created for you on Arc Portal, in the Arcimoto group.", mail.Text, StringComparison.Ordinal));

        // The mail outbox lists both, newest first, and shows neither password: they are masked.
        await admin.GotoAsync("mail");
        // Typing before the page is live is lost (see the note on issue 13): wait for the list's first rows.
        await Expect(admin.GetByTestId("mail-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await admin.FillAsync("#mail-to", email);
        await Expect(admin).ToHaveURLAsync(new Regex("[?&]to=")); // the filtered list is in place before a row is picked
        var invitations = admin.GetByTestId("mail-table").GetByText("Your Arc Portal account", new() { Exact = false });
        await Expect(invitations).ToHaveCountAsync(2);
        await invitations.Last.ClickAsync();
        await Expect(admin.GetByTestId("mail-text")).ToContainTextAsync($"Temporary password: {Arc.Domain.Email.OutboxSecrets.Mask}");
        await Expect(admin.GetByTestId("mail-secret-masked")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("mail-text")).Not.ToContainTextAsync(first);
        await invitations.First.ClickAsync();
        await Expect(admin.GetByTestId("mail-text")).Not.ToContainTextAsync(temporary);
        await PortalAndBrowser.ScreenshotAsync(admin, "mail-outbox");

        // The new user signs in: the first password no longer works, the newest does, and they must choose their own.
        var user = await Fixture.NewPageAsync();
        await user.GotoAsync("account/login");
        await user.FillAsync("#email", email);
        await user.FillAsync("#password", first);
        await user.ClickAsync("button[type=submit]");
        await Expect(user.GetByTestId("login-error")).ToContainTextAsync("The email or password is not correct.");

        await user.FillAsync("#email", email);
        await user.FillAsync("#password", temporary);
        await user.ClickAsync("button[type=submit]");
        await Expect(user).ToHaveURLAsync(new Regex("/account/change-password$"));
        await user.FillAsync("#current", temporary);
        await user.FillAsync("#new", "Jo-Own-Passw0rd!");
        await user.FillAsync("#confirm", "Jo-Own-Passw0rd!");
        await user.ClickAsync("button[type=submit]");
        await Expect(user.GetByTestId("change-done")).ToBeVisibleAsync();
        // They turn on an authenticator app: scan (here: read the key), confirm with a code.
        await user.GotoAsync("account/mfa");
        await user.GetByTestId("mfa-start").ClickAsync();
        await Expect(user.GetByTestId("mfa-qr")).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(user, "mfa-enrol");
        var secret = (await user.GetByTestId("mfa-secret").InnerTextAsync()).Trim();
        await user.FillAsync("#code", TotpCodes.For(secret, DateTimeOffset.UtcNow));
        await user.FillAsync("#device", "Jo's phone");
        await user.GetByTestId("mfa-confirm").ClickAsync();
        await Expect(user.GetByTestId("mfa-done")).ToBeVisibleAsync();

        // Signing in again now takes a code as well.
        await user.GotoAsync("profile");
        await Expect(user.GetByText(email)).ToBeVisibleAsync();
        await user.GetByTestId("sign-out").ClickAsync();
        await user.FillAsync("#email", email);
        await user.FillAsync("#password", "Jo-Own-Passw0rd!");
        await user.ClickAsync("button[type=submit]");
        await Expect(user.GetByTestId("code-form")).ToBeVisibleAsync();
        await user.FillAsync("#code", "000000");
        await user.ClickAsync("button[type=submit]");
        await Expect(user.GetByTestId("login-error")).ToContainTextAsync("That code is not right");
        await user.FillAsync("#code", TotpCodes.For(secret, DateTimeOffset.UtcNow.AddSeconds(30)));
        await user.ClickAsync("button[type=submit]");
        await Expect(user).Not.ToHaveURLAsync(new Regex("/account/login"));
        await user.GotoAsync("profile");
        await Expect(user.GetByText(email)).ToBeVisibleAsync();

        // The admin sees the account confirmed and disables it; the user's open page loses access.
        await admin.GotoAsync(userUrl);
        await Expect(admin.GetByTestId("user-status")).ToHaveTextAsync("Confirmed");
        await admin.GetByTestId("disable-user").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(admin.GetByTestId("user-disabled")).ToBeVisibleAsync();
        await Expect(user).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Taking_a_user_out_of_a_group_takes_effect_on_their_open_page()
    {
        var email = $"pat-{Guid.NewGuid():N}"[..13] + "@arc.test";
        await Fixture.Portal.CreateUserAsync(email, "support");
        var user = await Fixture.SignInAsync(email, PortalServer.UserPassword);
        await user.GotoAsync("vehicles");
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();

        var admin = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Permission Groups" }).ClickAsync();
        // A new group, with a permission from the catalogue.
        await admin.FillAsync("#group-name", "Night Shift");
        await admin.GetByTestId("create-group").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Night Shift" })).ToBeVisibleAsync();
        await admin.GetByTestId("add-permission").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "vehicles.vehicle.read", Exact = false }).First.ClickAsync();
        await admin.GetByTestId("add-permission-button").ClickAsync();
        await Expect(admin.GetByTestId("group-permissions")).ToContainTextAsync("vehicles.vehicle.read");
        await admin.FillAsync("#add-member", "nobody-here@arc.test");
        await admin.GetByTestId("add-member-button").ClickAsync();
        await Expect(admin.GetByTestId("group-action-error")).ToContainTextAsync("There is no user with the email nobody-here@arc.test");
        await PortalAndBrowser.ScreenshotAsync(admin, "permission-group");
        // A blank name is refused; a new one shows at once.
        await admin.FillAsync("#rename-group", "   ");
        await admin.GetByTestId("rename-group-button").ClickAsync();
        await Expect(admin.GetByTestId("group-action-error")).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Night Shift" })).ToBeVisibleAsync();
        await admin.FillAsync("#rename-group", "Night Crew");
        await admin.GetByTestId("rename-group-button").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Night Crew" })).ToBeVisibleAsync();
        var nightCrew = admin.Url;

        // The support group loses the user; their open vehicle list turns into "access denied" without a reload.
        await admin.GotoAsync("permission-groups");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Arcimoto Support" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Remove {email.Split('@')[0]}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(admin.GetByTestId("group-members")).Not.ToContainTextAsync(email);
        await Expect(user.GetByTestId("access-denied")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // The administrators' group cannot be deleted; the new one can, after a confirmation that can be declined.
        await admin.GotoAsync("permission-groups/1");
        await Expect(admin.GetByTestId("group-permissions")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("delete-group")).ToHaveCountAsync(0);
        await admin.GotoAsync(nightCrew);
        await admin.GetByTestId("delete-group").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Night Crew" })).ToBeVisibleAsync();
        await admin.GetByTestId("delete-group").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/permission-groups$"));
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Arcimoto Support" })).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Night Crew" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_with_the_emailed_code()
    {
        var email = $"kit-{Guid.NewGuid():N}"[..13] + "@arc.test";
        await Fixture.Portal.CreateUserAsync(email, "support");
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.GetByTestId("forgot-link").ClickAsync();
        // The login page has an #email too: wait until the new page has replaced it.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot password" })).ToBeVisibleAsync();
        await page.FillAsync("#email", email);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("forgot-sent")).ToContainTextAsync("a code is on its way");

        var code = Regex.Match(await Fixture.Portal.Mailbox.LatestTextAsync(email, Arc.Domain.Email.EmailTemplates.PasswordReset), "choose a new password: ([0-9]{6})").Groups[1].Value;
        await page.FillAsync("#code", code == "000000" ? "000001" : "000000");
        await page.FillAsync("#new", "Kit-New-Passw0rd!");
        await page.FillAsync("#confirm", "Kit-New-Passw0rd!");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("forgot-error")).ToContainTextAsync("That code is not right");
        await page.FillAsync("#code", code);
        await page.FillAsync("#new", "Kit-New-Passw0rd!");
        await page.FillAsync("#confirm", "Kit-New-Passw0rd!");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByText("Your password was changed.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Kit-New-Passw0rd!");
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));

        // Kit lands on the vehicle list by default, but prefers their profile, and says so on it.
        await page.GotoAsync("profile");
        await page.GetByTestId("landing-page").ClickAsync();
        // Only pages Kit can open are offered.
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Mail outbox" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Option, new() { Name = "My profile", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Preference saved.")).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "profile-preferences");
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Kit-New-Passw0rd!");
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My profile", Exact = true })).ToBeVisibleAsync();
    }
}
