using Arc.Domain.Alarms;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Alarms;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The profile's Notifications section: the person's own subscriptions, added, changed and removed, and refusals shown where they belong.</summary>
public sealed class AlarmSubscriptionComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>The component host acts as the administrator; each test starts them with the subscriptions it needs.</summary>
    private async Task<string> StartWithAsync(params AlarmSubscription[] subscriptions)
    {
        var admin = await portal.AdminUsernameAsync();
        await using var db = portal.CreateDb();
        await db.Set<AlarmSubscription>().Where(s => s.Username == admin).ExecuteDeleteAsync();
        foreach (var s in subscriptions)
        {
            s.Username = admin;
            db.Add(s);
        }
        await db.SaveChangesAsync();
        return admin;
    }

    private async Task<List<(string Severity, string Scope, int? ScopeId)>> RowsAsync(string username)
    {
        await using var db = portal.CreateDb();
        return (await db.Set<AlarmSubscription>().Where(s => s.Username == username).OrderBy(s => s.Id).ToListAsync())
            .Select(s => (s.MinimumSeverity, s.Scope, s.ScopeId)).ToList();
    }

    /// <summary>Picks a value as the select's list would; opening MudBlazor's popover is the browser tests' part.</summary>
    /// <summary>Opens the form and waits for it: it appears once its choices (models, fleets) have loaded.</summary>
    private static void OpenForm(IRenderedComponent<AlarmSubscriptionsEditor> cut, string button)
    {
        cut.Find($"[data-testid={button}]").Click();
        cut.WaitForElement("[data-testid=subscription-form] form", Wait);
    }

    /// <summary>Picks a value as a person would, once the select is on screen (the fleet list appears after its options load).</summary>
    private static Task ChooseAsync<T>(IRenderedComponent<AlarmSubscriptionsEditor> cut, string testId, T value)
    {
        IRenderedComponent<MudSelect<T>>? select = null;
        cut.WaitForAssertion(() => select = Assert.Single(cut.FindComponents<MudSelect<T>>(),
            s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId)), Wait);
        return cut.InvokeAsync(() => select!.Instance.ValueChanged.InvokeAsync(value));
    }

    private static AlarmSubscription Subscription(string severity, string scope = AlarmScopes.All, int? scopeId = null) =>
        new() { Username = "", MinimumSeverity = severity, Scope = scope, ScopeId = scopeId };

    [Fact]
    public async Task Without_the_alarm_permission_the_section_says_why_and_offers_nothing()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<AlarmSubscriptionsEditor>();
        Assert.Contains(Perm.AlarmRead, cut.Find("[data-testid=notifications-not-allowed]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=add-subscription]"));
        Assert.Empty(cut.FindAll("[data-testid=subscriptions]"));
    }

    [Fact]
    public async Task A_fleet_subscription_without_its_fleet_is_refused_on_that_field_then_added_and_listed()
    {
        var me = await StartWithAsync();
        int fleetId;
        var fleetName = "Night shift " + Guid.NewGuid().ToString("N")[..4];
        await using (var db = portal.CreateDb())
        {
            var fleet = new Fleet { Name = fleetName };
            db.FleetSet.Add(fleet);
            await db.SaveChangesAsync();
            fleetId = fleet.Id;
        }
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AlarmRead, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<AlarmSubscriptionsEditor>();
        cut.WaitForAssertion(() => Assert.Contains("no alarm emails yet", cut.Find("[data-testid=no-subscriptions]").TextContent, StringComparison.Ordinal), Wait);

        OpenForm(cut, "add-subscription");
        await ChooseAsync(cut, "subscription-severity", AlarmSeverities.Minor);
        await ChooseAsync(cut, "subscription-scope", AlarmScopes.Fleet);
        cut.Find("[data-testid=subscription-form] form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Choose one of the fleets listed.", cut.Find("[data-testid=subscription-form]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(await RowsAsync(me));

        await ChooseAsync<int?>(cut, "subscription-target", fleetId);
        cut.Find("[data-testid=subscription-form] form").Submit();
        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("[data-testid=subscription-row]"));
            Assert.Contains("Minor and above", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Fleet " + fleetName, row.TextContent, StringComparison.Ordinal);
        }, Wait);
        Assert.Empty(cut.FindAll("[data-testid=subscription-form]"));
        Assert.Equal([(AlarmSeverities.Minor, AlarmScopes.Fleet, (int?)fleetId)], await RowsAsync(me));
    }

    [Fact]
    public async Task A_duplicate_is_refused_with_its_reason_and_nothing_is_added()
    {
        var me = await StartWithAsync(Subscription(AlarmSeverities.Major));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AlarmRead, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<AlarmSubscriptionsEditor>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=subscription-row]")), Wait);

        // The form starts at "major and above, all vehicles": the very subscription the person has.
        OpenForm(cut, "add-subscription");
        cut.Find("[data-testid=subscription-form] form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("You already have this subscription", cut.Find("[data-testid=subscription-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Single(await RowsAsync(me));

        cut.Find("[data-testid=cancel-subscription]").Click();
        Assert.Empty(cut.FindAll("[data-testid=subscription-form]"));
    }

    [Fact]
    public async Task A_subscription_is_changed_in_place_and_removed_only_once_confirmed()
    {
        var me = await StartWithAsync(Subscription(AlarmSeverities.Warning));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AlarmRead, Perm.VehicleRead);
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.RenderWithProviders<AlarmSubscriptionsEditor>();
        cut.WaitForAssertion(() => Assert.Contains("Warning and above", cut.Find("[data-testid=subscription-row]").TextContent, StringComparison.Ordinal), Wait);

        OpenForm(cut, "edit-subscription");
        await ChooseAsync(cut, "subscription-severity", AlarmSeverities.Critical);
        cut.Find("[data-testid=subscription-form] form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Critical only", cut.Find("[data-testid=subscription-row]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal([(AlarmSeverities.Critical, AlarmScopes.All, (int?)null)], await RowsAsync(me));

        cut.Find("[data-testid=remove-subscription]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click(), Wait);
        cut.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Wait);
        Assert.Single(await RowsAsync(me));

        cut.Find("[data-testid=remove-subscription]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click(), Wait);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=no-subscriptions]")), Wait);
        Assert.Empty(await RowsAsync(me));
    }

    [Fact]
    public async Task At_the_limit_the_add_button_gives_way_to_the_reason()
    {
        var fleets = new List<int>();
        await using (var db = portal.CreateDb())
        {
            for (var i = 0; i < 3; i++)
            {
                var fleet = new Fleet { Name = $"Limit {i} " + Guid.NewGuid().ToString("N")[..4] };
                db.FleetSet.Add(fleet);
                await db.SaveChangesAsync();
                fleets.Add(fleet.Id);
            }
        }
        await StartWithAsync([.. AlarmSeverities.All.SelectMany(s => new[] { Subscription(s) }.Concat(fleets.Select(f => Subscription(s, AlarmScopes.Fleet, f))))]);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AlarmRead, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<AlarmSubscriptionsEditor>();
        cut.WaitForAssertion(() => Assert.Equal(AlarmSubscriptionRules.MaxPerPerson, cut.FindAll("[data-testid=subscription-row]").Count), Wait);
        Assert.Contains("the most one person may have", cut.Find("[data-testid=subscription-limit]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=add-subscription]"));
    }
}
