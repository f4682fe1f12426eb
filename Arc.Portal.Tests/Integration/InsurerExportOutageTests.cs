using Arc.Domain.InsurerExports;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal keeping its files in S3 at an address where nothing answers yet.</summary>
public sealed class S3OutagePortal : IAsyncLifetime
{
    public int Port { get; } = S3Peer.FreePort();
    public PortalServer Portal { get; } = new();

    public async Task InitializeAsync()
    {
        foreach (var (key, value) in S3Peer.Settings(Port))
            Portal.Settings[key] = value;
        await Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>The export when its file store (S3) is down: failed with the reason, nothing lost, produced once it is back.</summary>
public sealed class InsurerExportOutageTests(S3OutagePortal fixture) : IClassFixture<S3OutagePortal>
{
    [Fact]
    public async Task An_unreachable_bucket_leaves_the_export_failed_with_a_reason_and_running_it_again_once_back_produces_it()
    {
        var portal = fixture.Portal;
        var month = InsurerExportTestData.MonthBeforeLast();
        var vin = FleetTestData.NewVin();
        await InsurerExportTestData.CreateCoveredFleetAsync(portal, [vin]);
        await InsurerExportTestData.WriteDownsampledOdometerAsync(portal, vin, 1000, month.Start.AddDays(3));
        var admin = await portal.AdminUsernameAsync();

        await using (var scope = await portal.AsUserAsync(admin))
            await scope.ServiceProvider.GetRequiredService<RunInsurerExport>().HandleAsync(month.ToString());
        var failed = await InsurerExportTestData.FinishedAsync(portal, month);
        Assert.Equal(InsurerExportStatus.Failed, failed.Status);
        Assert.Contains("file store (S3) cannot be reached", failed.Error, StringComparison.Ordinal);
        await using (var scope = await portal.AsUserAsync(admin))
        {
            var refused = await Assert.ThrowsAsync<Arc.Domain.Common.ConflictException>(
                () => scope.ServiceProvider.GetRequiredService<DownloadInsurerExport>().HandleAsync(failed.Id));
            Assert.Contains("failed", refused.Message, StringComparison.Ordinal);
        }

        await using var peer = await S3Peer.StartAsync(fixture.Port);
        await using (var scope = await portal.AsUserAsync(admin))
            await scope.ServiceProvider.GetRequiredService<RunInsurerExport>().HandleAsync(month.ToString());
        var done = await InsurerExportTestData.FinishedAsync(portal, month);

        Assert.True(done.Status == InsurerExportStatus.Done, done.Error);
        Assert.Equal((failed.Id, 2), (done.Id, done.Attempts));
        Assert.Null(done.Error);
        await using (var scope = await portal.AsUserAsync(admin))
        {
            var file = await scope.ServiceProvider.GetRequiredService<DownloadInsurerExport>().HandleAsync(done.Id);
            Assert.Contains(vin, System.Text.Encoding.UTF8.GetString(file.Content), StringComparison.Ordinal);
        }
        await using var db = portal.CreateDb();
        Assert.Equal(1, await db.Set<InsurerExport>().CountAsync(e => e.Year == month.Year && e.Month == month.Month));
    }
}
