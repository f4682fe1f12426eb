using Arc.Domain.Permissions;
using Arc.Portal.Components.Layout;
using Arc.Portal.Tests.Support;
using Bunit;

namespace Arc.Portal.Tests.Components;

/// <summary>Alarms and the intake have a navigation group of their own, shown to whoever may open one of its pages.</summary>
public sealed class OperationsNavComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task Alarm_and_intake_staff_find_their_pages_under_operations_without_reading_vehicles()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AlarmRead, Perm.IntakeRead);

        var cut = ctx.Render<NavMenu>();

        var group = cut.FindAll(".mud-nav-group").Single(g => g.QuerySelector(".mud-nav-link-text")?.TextContent.Trim() == "Operations");
        Assert.Equal(["alarms", "alarms/rules", "intake"], group.QuerySelectorAll("a.mud-nav-link").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain(">Vehicles<", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_operations_entry_needs_its_own_permission_and_the_group_needs_one_of_them()
    {
        await using (var intakeOnly = await ComponentHost.CreateAsync(portal, Perm.IntakeRead))
        {
            var cut = intakeOnly.Render<NavMenu>();
            Assert.Contains("Operations", cut.Markup, StringComparison.Ordinal);
            Assert.Single(cut.FindAll("a[href=intake]"));
            Assert.Empty(cut.FindAll("a[href=alarms], a[href='alarms/rules']"));
        }

        await using var vehiclesOnly = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var bare = vehiclesOnly.Render<NavMenu>();
        Assert.DoesNotContain("Operations", bare.Markup, StringComparison.Ordinal);
        Assert.Empty(bare.FindAll("a[href=intake], a[href=alarms]"));
    }
}
