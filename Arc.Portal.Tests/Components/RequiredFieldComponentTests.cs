using Arc.Domain.Permissions;
using Arc.Portal.Components.Permissions;
using Arc.Portal.Components.Users;
using Arc.Portal.Tests.Support;
using Bunit;

namespace Arc.Portal.Tests.Components;

/// <summary>Required fields say so: an asterisk for the eye, aria-required for assistive technology, and a clear message.</summary>
public sealed class RequiredFieldComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_new_user_form_marks_name_and_email_required_and_leaves_the_phone_optional()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UserCreate, Perm.GroupsRead);
        var cut = ctx.RenderWithProviders<CreateUserPage>();

        AssertRequired(cut, "user-name", "Name");
        AssertRequired(cut, "user-email", "Email");
        Assert.NotEqual("true", cut.Find("#user-phone").GetAttribute("aria-required"));
        Assert.False(IsMarked(cut, "user-phone"));
    }

    [Fact]
    public async Task A_required_field_left_empty_says_what_to_enter()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UserCreate, Perm.GroupsRead);
        var cut = ctx.RenderWithProviders<CreateUserPage>();

        cut.Find("#user-email").Input("someone@example.com");
        cut.Find("#user-email").Input("");
        cut.Find("#user-email").Blur();

        cut.WaitForAssertion(() => Assert.Contains("Enter the user's email address.", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_new_group_form_marks_its_name_required()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.GroupsRead, Perm.GroupCreate);
        var cut = ctx.RenderWithProviders<PermissionGroupList>();

        cut.WaitForAssertion(() => AssertRequired(cut, "group-name", "New group name"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_email_change_code_is_marked_required()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UsersRead, Perm.UserProfileWrite);
        var cut = ctx.RenderWithProviders<EmailChangeConfirmation>(p => p.Add(c => c.Username, "someone").Add(c => c.PendingEmail, "new@arc.test"));

        AssertRequired(cut, "email-code", "Code");
    }

    // MudBlazor draws the asterisk after the label of a control marked mud-input-required (its own stylesheet).
    private static void AssertRequired<T>(IRenderedComponent<T> cut, string inputId, string label) where T : Microsoft.AspNetCore.Components.IComponent
    {
        Assert.Equal("true", cut.Find($"#{inputId}").GetAttribute("aria-required"));
        Assert.Equal(label, Label(cut, inputId).TextContent.Trim());
        Assert.True(IsMarked(cut, inputId), $"{label} is not marked required");
    }

    private static bool IsMarked<T>(IRenderedComponent<T> cut, string inputId) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"#{inputId}").Closest(".mud-input-control")!.ClassList.Contains("mud-input-required");

    private static AngleSharp.Dom.IElement Label<T>(IRenderedComponent<T> cut, string inputId) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"label[for={inputId}]");
}
