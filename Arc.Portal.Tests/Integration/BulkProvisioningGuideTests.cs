using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>The bulk page's template and release list, releases named by name, and the job's rows read back sorted, on the real database.</summary>
public sealed class BulkProvisioningGuideTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static int _serial = 80_000;

    private static string NewBareVin(char model = 'T') => DemoData.MakeVin(model, 'P', Interlocked.Increment(ref _serial));

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task<BulkJobSummary> PlanAsync(string csv) => AsAdminAsync(sp => sp.GetRequiredService<PlanBulkProvisioning>().HandleAsync("guide.csv", csv));

    private Task<BulkJobDetail> RowsAsync(long id, BulkRowQuery query) =>
        AsAdminAsync(sp => sp.GetRequiredService<GetBulkProvisioningJob>().HandleAsync(id, query));

    [Fact]
    public async Task The_template_lists_every_release_and_with_a_fresh_vin_its_example_row_is_accepted()
    {
        var template = await AsAdminAsync(sp => sp.GetRequiredService<GetBulkProvisioningTemplate>().HandleAsync());

        Assert.Equal(ReferenceData.Releases.Count, template.Releases.Count);
        Assert.Contains(new BulkRelease(3, "FUV: KERS Sensor", "FUV", "T"), template.Releases);
        Assert.Empty(template.AmbiguousNames);
        var lines = template.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var example = lines[1].Split(',');
        var release = template.Releases.Single(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == example[1]);
        Assert.Equal(release.Name, example[2]);
        Assert.StartsWith("DEV-7F7A" + release.ModelLetter, example[0], StringComparison.Ordinal);

        example[0] = NewBareVin(release.ModelLetter![0]);
        var job = await PlanAsync(lines[0] + "\r\n" + string.Join(',', example) + "\r\n");
        Assert.Equal((1, 1), (job.Total, job.Accepted));
    }

    [Fact]
    public async Task Releases_named_by_name_are_stored_by_id_and_the_rows_show_the_name()
    {
        var vin = NewBareVin();
        var job = await PlanAsync($"vin,model_release\n{vin},fuv: kers SENSOR\n{NewBareVin()},FUV: Nothing Like It\n");

        var rows = (await RowsAsync(job.Id, new BulkRowQuery())).Rows.Items;
        Assert.Equal((3, "FUV: KERS Sensor"), (rows[0].ModelReleaseId, rows[0].ModelReleaseName));
        Assert.Equal("DEV-" + vin, rows[0].Vin);
        Assert.Null(rows[1].ModelReleaseName);
        Assert.Contains("No model release is named 'FUV: Nothing Like It'", rows[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_come_sorted_and_filtered_as_asked_and_an_unknown_status_is_refused()
    {
        var vins = Enumerable.Range(0, 4).Select(_ => NewBareVin()).ToList();
        var job = await PlanAsync("vin,model_release_id\n" + string.Join("\n", vins.Select(v => $"{v},3").Append("nonsense,3").Append($"{NewBareVin()},999")));

        var byVinDescending = (await RowsAsync(job.Id, new BulkRowQuery(SortBy: BulkRowSort.Vin, Descending: true))).Rows.Items;
        Assert.Equal(byVinDescending.Select(r => r.Vin ?? r.Text).OrderDescending(StringComparer.Ordinal), byVinDescending.Select(r => r.Vin ?? r.Text));
        var rejected = (await RowsAsync(job.Id, new BulkRowQuery(Status: BulkRowStatus.Rejected, SortBy: BulkRowSort.Line, Descending: true))).Rows;
        Assert.Equal([7, 6], rejected.Items.Select(r => r.Line));
        var secondPage = (await RowsAsync(job.Id, new BulkRowQuery(PageIndex: 1, PageSize: 4))).Rows;
        Assert.Equal((6, 2), (secondPage.TotalCount, secondPage.Items.Count));

        await Assert.ThrowsAsync<ValidationFailedException>(() => RowsAsync(job.Id, new BulkRowQuery(Status: "everything")));
    }
}
