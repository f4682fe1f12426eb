using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Arc.Portal.Tests.Components;

/// <summary>The bulk page's release list and template link; a job's rows following their address and naming their release.</summary>
public sealed class BulkGuideAndRowsComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static int _serial = 85_000;

    private static string NewBareVin() => DemoData.MakeVin('T', 'P', Interlocked.Increment(ref _serial));

    private async Task<long> PlanAsync(string csv)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return (await scope.ServiceProvider.GetRequiredService<PlanBulkProvisioning>().HandleAsync("rows.csv", csv)).Id;
    }

    [Fact]
    public async Task The_bulk_page_lists_each_release_with_its_model_and_id_and_links_the_template()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleProvision);
        var cut = ctx.RenderWithProviders<BulkProvisionPage>();

        cut.WaitForAssertion(() => Assert.Equal(ReferenceData.Releases.Count, cut.FindAll("[data-testid=bulk-releases] tbody tr").Count), Wait);
        var kers = cut.Find("[data-testid=release-3]").TextContent;
        Assert.Contains("FUV: KERS Sensor", kers, StringComparison.Ordinal);
        Assert.Contains("FUV (T)", kers, StringComparison.Ordinal);
        var link = cut.Find("[data-testid=bulk-template]");
        Assert.EndsWith("vehicles/provision/bulk/bulk-provisioning-template.csv", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("bulk-provisioning-template.csv", link.GetAttribute("download"));
    }

    [Fact]
    public async Task The_rows_open_at_the_status_and_sort_their_address_names_and_show_the_release_name()
    {
        var id = await PlanAsync($"vin,model_release_id\n{NewBareVin()},3\nnonsense,3\n{NewBareVin()},2\nworse,3\n");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleProvision);
        ctx.NavigateTo($"vehicles/provision/bulk/{id}?status=rejected&sort=line&dir=desc");
        var cut = ctx.RenderWithProviders<BulkRowList>(p => p.Add(c => c.JobId, id));

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("tbody tr");
            Assert.Equal(["5", "3"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        }, Wait);

        // The address changes under the list (Back, a shared link): it follows, and an unknown status shows every row.
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"vehicles/provision/bulk/{id}?status=everything");
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("tbody tr").Count), Wait);
        Assert.Contains("FUV: Discoboard", cut.Find("[data-testid=release-4]").TextContent, StringComparison.Ordinal);
        Assert.Contains("id 2", cut.Find("[data-testid=release-4]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sort_the_user_picks_goes_into_the_address()
    {
        var id = await PlanAsync($"vin,model_release_id\n{NewBareVin()},3\n{NewBareVin()},3\n");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleProvision);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        ctx.NavigateTo($"vehicles/provision/bulk/{id}");
        var cut = ctx.RenderWithProviders<BulkRowList>(p => p.Add(c => c.JobId, id));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count), Wait);

        await cut.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Contains("VIN", StringComparison.Ordinal))
            .ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        cut.WaitForAssertion(() => Assert.EndsWith($"/vehicles/provision/bulk/{id}?sort=vin", navigation.Uri, StringComparison.Ordinal), Wait);
    }
}
