using System.Reflection;
using Arc.Domain.Permissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Arc.Portal.Tests.Domain;

public class PageAuthorizationTests
{
    private static IEnumerable<Type> Pages() => typeof(PortalApp).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes<RouteAttribute>().Any());

    [Fact]
    public void Every_page_states_who_may_open_it()
    {
        var silent = Pages()
            .Where(t => t.GetCustomAttribute<AuthorizeAttribute>() is null && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .Select(t => t.Name).ToList();
        Assert.True(silent.Count == 0, "Pages without [Authorize] or [AllowAnonymous]: " + string.Join(", ", silent));
    }

    [Fact]
    public void Only_sign_in_password_reset_and_error_pages_are_open_to_anonymous_visitors()
    {
        var open = Pages().Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is not null).Select(t => t.Name).Order();
        Assert.Equal(["Error", "ForgotPasswordPage", "Login", "NotFound", "StatusPage"], open);
    }

    [Fact]
    public void Every_page_policy_names_a_permission_of_the_catalogue()
    {
        var policies = Pages().Select(t => t.GetCustomAttribute<AuthorizeAttribute>()?.Policy).OfType<string>().ToList();
        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.True(PermissionCatalogue.Exists(p), p));
    }

    [Fact]
    public void Each_landing_page_needs_the_permission_its_page_requires()
    {
        foreach (var option in Arc.Domain.Users.PreferenceKeys.LandingPageOptions)
        {
            var page = Assert.Single(Pages(), t => t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == option.Path));
            Assert.Equal(option.Permission, page.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
        }
    }
}
