using Arc.Domain.InsurerExports;
using Arc.Domain.Permissions;
using Arc.Portal.Components.InsurerExports;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Components;

/// <summary>The insurer exports page: who may produce a month, what a bad month is told, and the list with its downloads.</summary>
public sealed class InsurerExportComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<InsurerExport> DoneExportAsync(ExportMonth month)
    {
        await using var db = portal.CreateDb();
        var export = await db.Set<InsurerExport>().SingleOrDefaultAsync(e => e.Year == month.Year && e.Month == month.Month);
        if (export is null)
        {
            export = new InsurerExport
            {
                Year = month.Year, Month = month.Month, FileKey = $"client/{month.Year:D4}_{month.Month:D2}_dev.json", RequestedBy = "system",
                Status = InsurerExportStatus.Done, Requested = DateTimeOffset.UtcNow, Produced = DateTimeOffset.UtcNow, Vehicles = 12, UnknownOdometers = 3,
            };
            db.Set<InsurerExport>().Add(export);
            await db.SaveChangesAsync();
        }
        return export;
    }

    [Fact]
    public async Task A_reader_sees_each_month_with_its_counts_and_a_download_but_no_way_to_produce_one()
    {
        var export = await DoneExportAsync(new ExportMonth(2021, 4));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.InsurerExportRead);
        var cut = ctx.RenderWithProviders<InsurerExportsPage>();

        cut.WaitForAssertion(() => Assert.Contains("2021-04", cut.Find("[data-testid=insurer-export-table]").TextContent, StringComparison.Ordinal), Wait);
        var row = cut.FindAll("[data-testid=insurer-export-table] tbody tr").Single(r => r.TextContent.Contains("2021-04", StringComparison.Ordinal));
        Assert.Contains("12", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("3", row.TextContent, StringComparison.Ordinal);
        var link = row.QuerySelector("[data-testid=download-insurer-export]")!;
        Assert.Equal($"fleets/insurer-exports/{export.Id}/file", link.GetAttribute("href"));
        Assert.Equal("2021_04_dev.json", link.GetAttribute("download"));
        Assert.Empty(cut.FindAll("[data-testid=run-insurer-export], #insurer-export-month"));
    }

    [Fact]
    public async Task A_malformed_or_unfinished_month_is_refused_under_the_field_and_a_good_one_is_queued_and_listed()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.InsurerExportRead, Perm.InsurerExportRun);
        var cut = ctx.RenderWithProviders<InsurerExportsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=run-insurer-export]")), Wait);
        Assert.Equal(ExportMonth.Previous(DateTimeOffset.UtcNow).ToString(), cut.Find("#insurer-export-month").GetAttribute("value"));
        await using var db = portal.CreateDb();
        var before = await db.Set<InsurerExport>().CountAsync();

        cut.Find("#insurer-export-month").Change("2021/05");
        cut.Find("[data-testid=run-insurer-export]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Give the month as YYYY-MM", cut.Markup, StringComparison.Ordinal), Wait);
        var now = DateTimeOffset.UtcNow;
        cut.Find("#insurer-export-month").Change($"{now.Year:D4}-{now.Month:D2}");
        cut.Find("[data-testid=run-insurer-export]").Click();
        cut.WaitForAssertion(() => Assert.Contains("has not ended yet", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(before, await db.Set<InsurerExport>().CountAsync());

        cut.Find("#insurer-export-month").Change("2021-05");
        cut.Find("[data-testid=run-insurer-export]").Click();
        cut.WaitForAssertion(() => Assert.Contains("2021-05", cut.Find("[data-testid=insurer-export-table]").TextContent, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("has not ended yet", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(1, await db.Set<InsurerExport>().CountAsync(e => e.Year == 2021 && e.Month == 5));
    }
}
