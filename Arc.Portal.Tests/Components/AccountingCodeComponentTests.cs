using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Locations;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Components;

/// <summary>The department and location code pages: who may add and delete, and what a bad code is told.</summary>
public sealed class AccountingCodeComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_reader_sees_the_department_codes_but_no_way_to_add_or_delete_them()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead);
        var cut = ctx.RenderWithProviders<DepartmentCodesPage>();
        cut.WaitForAssertion(() => Assert.Contains("Rental Operations", cut.Find("[data-testid=department-code-table]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=add-department-code], [data-testid=delete-department-code]"));
    }

    [Fact]
    public async Task A_nine_character_department_code_is_refused_under_the_field_and_a_good_one_is_added()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetDepartmentCodeCreate, Perm.FleetDepartmentCodeDelete);
        var cut = ctx.RenderWithProviders<DepartmentCodesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=delete-department-code]")), Wait);
        var code = "Q" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

        cut.Find("#new-department-code").Change(code + "X");
        cut.Find("[data-testid=add-department-code]").Click();
        cut.WaitForAssertion(() => Assert.Contains("at most 8 characters", cut.Markup, StringComparison.Ordinal), Wait);
        await using (var db = portal.CreateDb())
            Assert.False(await db.Set<DepartmentCode>().AnyAsync(c => c.Code.StartsWith(code)));

        // Refused again on the same field for another reason, before the use case waits on anything: the new reason shows.
        cut.Find("#new-department-code").Change("Q 1");
        cut.Find("[data-testid=add-department-code]").Click();
        cut.WaitForAssertion(() => Assert.Contains("without spaces", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("at most 8 characters", cut.Markup, StringComparison.Ordinal);

        cut.Find("#new-department-code").Change(code);
        cut.Find("#new-department-description").Change("Night shift");
        cut.Find("[data-testid=add-department-code]").Click();
        cut.WaitForAssertion(() => Assert.Contains(code, cut.Find("[data-testid=department-code-table]").TextContent, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("at most 8 characters", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_location_code_is_refused_under_the_field()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.LocationCodeCreate);
        var cut = ctx.RenderWithProviders<LocationCodesPage>();
        cut.WaitForAssertion(() => Assert.Contains("OR-EU-HQ", cut.Find("[data-testid=location-code-table]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=delete-location-code]"));

        cut.Find("#new-location-code").Change("or-eu-hq");
        cut.Find("[data-testid=add-location-code]").Click();

        cut.WaitForAssertion(() => Assert.Contains("exists already", cut.Markup, StringComparison.Ordinal), Wait);
    }
}
