using System.Text.RegularExpressions;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Audit;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Arc.Portal.Tests.Components;

/// <summary>List pages keep their filters, sort and page in the address and export what they show.</summary>
public sealed class ListPageComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_vehicle_list_opens_at_the_sort_and_page_its_address_names()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        ctx.NavigateTo("vehicles?sort=created&dir=desc&page=2&size=10");
        var cut = ctx.RenderWithProviders<VehicleList>();
        // Demo vehicle i is the (i+1)th provisioned, serial 19 + 7i: newest first, the second page of ten starts at i = 13.
        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("tbody tr");
            Assert.Equal(10, rows.Count);
            Assert.Contains("ER00110", rows[0].TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task A_sort_the_user_picks_goes_into_the_address_and_going_back_restores_the_filter()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        ctx.NavigateTo("vehicles?vin=ER000");
        var cut = ctx.RenderWithProviders<VehicleList>();
        cut.WaitForAssertion(() => Assert.Equal(12, cut.FindAll("tbody tr").Count), Wait);

        await cut.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Contains("Model release", StringComparison.Ordinal))
            .ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        cut.WaitForAssertion(() => Assert.EndsWith("/vehicles?vin=ER000&sort=release", navigation.Uri, StringComparison.Ordinal), Wait);

        // What Back does: the address changes under the page, which follows it.
        navigation.NavigateTo("vehicles?vin=R00019");
        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll("tbody tr"));
            Assert.Equal("R00019", cut.Find("#vin-filter").GetAttribute("value"));
        }, Wait);
    }

    [Fact]
    public async Task Sortable_headers_are_keyboard_buttons_and_the_sorted_column_says_which_way()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        ctx.NavigateTo("vehicles?sort=created&dir=desc");
        var cut = ctx.RenderWithProviders<VehicleList>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tbody tr")), Wait);

        var labels = cut.FindAll(".mud-table-sort-label");
        Assert.Equal(["vin", "model", "release", "created", "lastseen"], labels.Select(l => l.GetAttribute("data-sort")));
        Assert.All(labels, l =>
        {
            Assert.Equal("0", l.GetAttribute("tabindex"));
            Assert.Equal("button", l.GetAttribute("role"));
        });
        Assert.Equal("descending", cut.Find("th:has([data-sort=created])").GetAttribute("aria-sort"));
        Assert.Equal("none", cut.Find("th:has([data-sort=vin])").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task The_vehicle_count_is_not_shown_as_zero_while_the_list_loads()
    {
        var (ctx, answer) = await HeldAsync(Perm.VehicleRead);
        await using (ctx)
        {
            var cut = ctx.RenderWithProviders<VehicleList>();
            Assert.DoesNotMatch(Zero("vehicles"), cut.Markup);

            answer.SetResult();
            cut.WaitForAssertion(() => Assert.Matches(@"[1-9][0-9,]* vehicles", cut.Find("h1").ParentElement!.TextContent), Wait);
        }
    }

    [Fact]
    public async Task The_audit_event_count_is_not_shown_as_zero_while_the_log_loads()
    {
        var (ctx, answer) = await HeldAsync(Perm.AuditRead);
        await using (ctx)
        {
            var cut = ctx.RenderWithProviders<AuditLog>();
            Assert.DoesNotMatch(Zero("events"), cut.Markup);

            answer.SetResult();
            cut.WaitForAssertion(() => Assert.Matches(@"[1-9][0-9,]* events?", cut.Find("h1").ParentElement!.TextContent), Wait);
        }
    }

    private static Regex Zero(string things) => new($@"(?<![0-9,])0 {things}");

    /// <summary>A page whose every use case waits until the test lets the caller's permissions through: a slow first load.</summary>
    private async Task<(BunitContext Context, TaskCompletionSource Answer)> HeldAsync(string permission)
    {
        var ctx = await ComponentHost.CreateAsync(portal, permission);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ctx.Services.AddSingleton<ICurrentUser>(new HeldUser(new FixedUser(await portal.AdminUsernameAsync(), new HashSet<string> { permission }), answer.Task));
        return (ctx, answer);
    }

    private sealed class HeldUser(ICurrentUser user, Task held) : ICurrentUser
    {
        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => user.GetUsernameAsync(ct);

        public async Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default)
        {
            await held;
            return await user.GetPermissionsAsync(ct);
        }
    }
}
