using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Domain.Users;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal where each limited operation allows two uses an hour.</summary>
public sealed class TightLimitsPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new()
    {
        Settings =
        {
            ["Portal:RateLimits:TelemetryExports:Permits"] = "2",
            ["Portal:RateLimits:TelemetryBackfills:Permits"] = "2",
            ["Portal:RateLimits:TokenSigning:Permits"] = "2",
            ["Portal:RateLimits:PinViews:Permits"] = "2",
            ["Portal:RateLimits:PinViews:Window"] = "00:30:00",
            ["Portal:RateLimits:InvitationResends:Permits"] = "2",
        },
    };

    public Task InitializeAsync() => Portal.InitializeAsync();
    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class RateLimitTests(TightLimitsPortal fixture) : IClassFixture<TightLimitsPortal>
{
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('T', 'L', 19);
    private PortalServer Portal => fixture.Portal;

    // Each call is refused for its input after the limit took its count, so the third shows the limit alone.
    public static TheoryData<string, string> Operations() => new()
    {
        { RateLimitedOperations.TelemetryExports, "requested 2 telemetry exports in the last hour" },
        { RateLimitedOperations.TelemetryBackfills, "started 2 telemetry backfills in the last hour" },
        { RateLimitedOperations.TokenSigning, "signed 2 tokens in the last hour" },
        { RateLimitedOperations.PinViews, "viewed 2 factory PINs in the last 30 minutes" },
        { RateLimitedOperations.InvitationResends, "resent 2 invitations in the last hour" },
    };

    private static Task CallAsync(IServiceProvider sp, string operation) => operation switch
    {
        RateLimitedOperations.TelemetryExports => sp.GetRequiredService<RequestTelemetryExport>().HandleAsync(Vin, [], DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow),
        RateLimitedOperations.TelemetryBackfills => sp.GetRequiredService<StartTelemetryBackfill>().HandleAsync("bad", "x.ndjson", []),
        RateLimitedOperations.TokenSigning => sp.GetRequiredService<SignVehicleToken>().HandleAsync(2, ""),
        RateLimitedOperations.PinViews => sp.GetRequiredService<ViewFactoryPin>().HandleAsync("bad"),
        _ => sp.GetRequiredService<ResendInvitation>().HandleAsync("nobody"),
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_user_gets_the_configured_number_of_uses_then_a_clear_refusal_that_is_audited(string operation, string done)
    {
        var username = await Portal.CreateUserAsync($"busy-{Guid.NewGuid():N}@arc.test", "all");
        await using var scope = await Portal.AsUserAsync(username);
        for (var i = 0; i < 2; i++)
        {
            var first = await Assert.ThrowsAnyAsync<DomainException>(() => CallAsync(scope.ServiceProvider, operation));
            Assert.IsNotType<TooManyRequestsException>(first);
        }
        var refused = await Assert.ThrowsAsync<TooManyRequestsException>(() => CallAsync(scope.ServiceProvider, operation));
        Assert.Matches($"^You have {done}; the limit is 2\\. Try again after [0-2][0-9]:[0-5][0-9] UTC\\.$", refused.Message);

        await using var db = Portal.CreateDb();
        var audit = await db.AuditSet.SingleAsync(a => a.Action == AuditActions.RateLimited && a.Actor == username);
        Assert.Contains(operation, audit.Summary, StringComparison.Ordinal);

        // Someone else is counted apart.
        var other = await Portal.CreateUserAsync($"calm-{Guid.NewGuid():N}@arc.test", "all");
        await using var otherScope = await Portal.AsUserAsync(other);
        var theirs = await Assert.ThrowsAnyAsync<DomainException>(() => CallAsync(otherScope.ServiceProvider, operation));
        Assert.IsNotType<TooManyRequestsException>(theirs);
    }

    [Fact]
    public async Task The_pin_tab_shows_the_limit_message_when_views_are_used_up()
    {
        var limits = Portal.Services.GetRequiredService<Arc.Infrastructure.Security.RateLimitCounters>();
        var limit = Portal.Services.GetRequiredService<RateLimitOptions>().PinViews;
        await using var ctx = await ComponentHost.CreateAsync(Portal, Perm.AuthorityVehicleRead);
        var admin = await Portal.AdminUsernameAsync();
        // Use up the administrator's views the way two earlier clicks would.
        while (limits.TryAcquire($"{RateLimitedOperations.PinViews}|{admin}", limit.Permits, limit.Window, out _))
        {
        }
        var cut = ctx.RenderWithProviders<VehiclePinTab>(p => p.Add(c => c.Vin, Vin));
        cut.Find("[data-testid=show-pin]").Click();
        cut.WaitForAssertion(() => Assert.Contains("You have viewed 2 factory PINs in the last 30 minutes; the limit is 2.", cut.Markup, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll("[data-testid=factory-pin]"));
    }
}

public sealed class RateLimitSettingsTests
{
    [Theory]
    [InlineData("Portal:RateLimits:TokenSigning:Permits", "0", "Portal:RateLimits:TokenSigning:Permits must be between 1 and 1000000.")]
    [InlineData("Portal:RateLimits:PinViews:Window", "00:00:00", "Portal:RateLimits:PinViews:Window must be between 00:00:01 and 7.00:00:00.")]
    [InlineData("Portal:PasswordReset:RequestsPerAddress", "0", "Portal:PasswordReset:RequestsPerAddress must be between 1 and 1000.")]
    public async Task A_limit_out_of_range_stops_the_portal_from_starting(string setting, string value, string message)
    {
        var portal = new PortalServer { Settings = { [setting] = value } };
        try
        {
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(portal.InitializeAsync);
            Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }
}
