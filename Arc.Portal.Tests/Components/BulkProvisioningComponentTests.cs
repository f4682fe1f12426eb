using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace Arc.Portal.Tests.Components;

public sealed class BulkProvisioningComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<long> PlanAsOtherUserAsync(string csv)
    {
        var other = await portal.CreateUserAsync($"uploader-{Guid.NewGuid():N}@arc.test", "all");
        await using var scope = await portal.AsUserAsync(other);
        return (await scope.ServiceProvider.GetRequiredService<PlanBulkProvisioning>().HandleAsync("theirs.csv", csv)).Id;
    }

    [Fact]
    public async Task An_oversized_file_is_refused_before_it_is_read_and_nothing_is_stored()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleProvision);
        var cut = ctx.RenderWithProviders<BulkProvisionPage>();
        cut.WaitForAssertion(() => Assert.Contains("Recent files", cut.Markup, StringComparison.Ordinal));
        await using var db = portal.CreateDb();
        var before = await db.BulkProvisioningJobSet.CountAsync();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(new string('a', BulkProvisioningCsv.MaxBytes + 1), "big.csv"));

        cut.WaitForAssertion(() => Assert.Contains("a bulk file holds at most 512 KB", cut.Find("[data-testid=bulk-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(before, await db.BulkProvisioningJobSet.CountAsync());
    }

    [Fact]
    public async Task A_good_file_opens_its_dry_run_report()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleProvision);
        var cut = ctx.RenderWithProviders<BulkProvisionPage>();
        var vin = DemoData.MakeVin('T', 'P', 70_001);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText($"vin,model_release_id\n{vin},3\n", "one.csv"));

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches("/vehicles/provision/bulk/[0-9]+$", navigation.Uri));
    }

    [Fact]
    public async Task A_file_with_no_good_row_offers_no_start_and_says_why()
    {
        var id = await PlanAsOtherUserAsync("vin,model_release_id\nnot-a-vin,3\n");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleProvision);
        var cut = ctx.RenderWithProviders<BulkJobPage>(p => p.Add(c => c.JobId, id));

        cut.WaitForAssertion(() => Assert.Contains("No row passed the checks", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=bulk-start]"));
        cut.WaitForAssertion(() => Assert.Contains("rejected", Assert.Single(cut.FindAll("[data-testid=bulk-rows] tbody tr")).TextContent,
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_elses_file_can_be_read_but_not_started()
    {
        var id = await PlanAsOtherUserAsync($"vin,model_release_id\n{DemoData.MakeVin('T', 'P', 70_002)},3\n");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleProvision);
        var cut = ctx.RenderWithProviders<BulkJobPage>(p => p.Add(c => c.JobId, id));

        cut.WaitForAssertion(() => Assert.Contains("1 vehicle will be provisioned", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=bulk-start]"));
        Assert.Contains("who uploaded this file, can run it", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_says_so()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleProvision);
        var cut = ctx.RenderWithProviders<BulkJobPage>(p => p.Add(c => c.JobId, 987_654));
        cut.WaitForAssertion(() => Assert.Contains("does not exist", cut.Find("[data-testid=bulk-load-error]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(BulkJobStatus.Finished, 0, "finished", "mud-chip-color-success")]
    [InlineData(BulkJobStatus.Finished, 3, "finished, 3 failed", "mud-chip-color-warning")]
    [InlineData(BulkRowStatus.Failed, 0, "failed", "mud-chip-color-error")]
    [InlineData(BulkJobStatus.Queued, 0, "queued", "mud-chip-color-info")]
    public async Task A_status_says_in_words_and_colour_whether_anything_failed(string status, int failed, string text, string colour)
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var chip = ctx.Render<BulkStatusChip>(p => p.Add(c => c.Status, status).Add(c => c.Failed, failed));
        var element = chip.Find("[data-status]");
        Assert.Equal(text, element.TextContent.Trim());
        Assert.Contains(colour, element.ClassName, StringComparison.Ordinal);
    }
}
