using Arc.Domain.Users;

namespace Arc.Portal.Tests.Domain;

public class AccountRulesTests
{
    [Fact]
    public void Five_failures_in_a_row_lock_the_account_for_fifteen_minutes()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var user = new User { Username = "u", Email = "u@x" };
        for (var failures = 1; failures < User.MaxFailedSignIns; failures++)
            Assert.False(user.LockIfTooMany(failures, now));
        Assert.True(user.LockIfTooMany(User.MaxFailedSignIns, now));
        Assert.True(user.IsLockedOut(now.AddMinutes(14)));
        Assert.False(user.IsLockedOut(now.AddMinutes(15).AddSeconds(1)));
    }

    [Fact]
    public void A_successful_sign_in_clears_the_failure_count()
    {
        var now = DateTimeOffset.UtcNow;
        var user = new User { Username = "u", Email = "u@x", FailedSignIns = 2 };
        user.RecordSignIn(now);
        Assert.Equal(0, user.FailedSignIns);
        Assert.Equal(now, user.LastSignIn);
    }

    [Fact]
    public void Only_pages_one_can_open_are_offered_as_a_landing_page()
    {
        Assert.Equal(["/", "/profile"], PreferenceKeys.LandingPagesFor(new HashSet<string>()).Select(o => o.Path));
        Assert.Equal(["/", "/vehicles", "/mail", "/profile"],
            PreferenceKeys.LandingPagesFor(new HashSet<string> { Arc.Domain.Permissions.Perm.VehicleRead, Arc.Domain.Permissions.Perm.MailOutboxRead })
                .Select(o => o.Path));
        Assert.Equal(PreferenceKeys.LandingPages, PreferenceKeys.LandingPagesFor(Arc.Domain.Permissions.PermissionCatalogue.All.Select(p => p.Name).ToHashSet())
            .Select(o => o.Path));
    }
}
