using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Bulk provisioning end to end on the real database and the Hangfire queue in it.</summary>
public sealed class BulkProvisioningTests(ProvisioningPortal fixture) : IClassFixture<ProvisioningPortal>
{
    private static int _serial = 60_000;
    private PortalServer Portal => fixture.Portal;

    private static string NewBareVin(char model = 'T') => DemoData.MakeVin(model, 'P', Interlocked.Increment(ref _serial));

    private static string WrongCheckDigit(string bare) => bare[..8] + (bare[8] == '0' ? '1' : '0') + bare[9..];

    private static string Csv(params string[] rows) => "vin,model_release_id,heated_seats\n" + string.Join("\n", rows) + "\n";

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task<BulkJobSummary> PlanAsync(string csv, string name = "vins.csv") =>
        AsAdminAsync(sp => sp.GetRequiredService<PlanBulkProvisioning>().HandleAsync(name, csv));

    private Task<BulkJobDetail> DetailAsync(long id, string? status = null) =>
        AsAdminAsync(sp => sp.GetRequiredService<GetBulkProvisioningJob>().HandleAsync(id, new BulkRowQuery(0, 200, status)));

    private Task<BulkJobSummary> WaitFinishedAsync(long id) =>
        Eventually.ReturnsAsync(async () => (await DetailAsync(id)).Job, job => job.Status == BulkJobStatus.Finished, TimeSpan.FromSeconds(60), "The bulk job finishing");

    private async Task<int> VehicleCountAsync()
    {
        await using var db = Portal.CreateDb();
        return await db.VehicleSet.CountAsync();
    }

    [Fact]
    public async Task The_dry_run_checks_every_row_and_provisions_nothing()
    {
        var good = NewBareVin();
        var already = "DEV-" + DemoData.MakeVin('T', 'L', 19);
        var before = await VehicleCountAsync();

        var twice = NewBareVin();
        var job = await PlanAsync(Csv($"{good},3,true", $"{WrongCheckDigit(NewBareVin())},3,false", $"{twice},3,false", $"{already},3,false",
            $"{NewBareVin()},999,false", $"=HYPERLINK(\"http://x\"),3,true", $"{NewBareVin()},3,perhaps", $"dev-{twice.ToLowerInvariant()},3,true"));

        Assert.Equal(BulkJobStatus.Planned, job.Status);
        Assert.Equal((8, 1, 7), (job.Total, job.Accepted, job.Rejected));
        var rows = (await DetailAsync(job.Id)).Rows.Items;
        Assert.Equal(BulkRowStatus.Pending, rows[0].Status);
        Assert.Equal("heated seats", rows[0].Options);
        Assert.Contains("check digit", rows[1].Problem, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"VIN DEV-{twice} appears on lines 4 and 9; keep one row for it.", rows[2].Problem);
        Assert.Equal(rows[2].Problem, rows[7].Problem);
        Assert.Contains("already provisioned", rows[3].Problem, StringComparison.Ordinal);
        Assert.Contains("999", rows[4].Problem, StringComparison.Ordinal);
        Assert.Contains("formula", rows[5].Problem, StringComparison.Ordinal);
        Assert.Contains("true or false", rows[6].Problem, StringComparison.Ordinal);
        Assert.Equal(before, await VehicleCountAsync());

        await using var db = Portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(e => e.Action == AuditActions.BulkProvisioningPlanned && e.EntityId == job.Id.ToString()));
    }

    public static TheoryData<string, string> RejectedFiles => new()
    {
        { "", "empty" },
        { "vin,release\nX,1\n", "lacks model_release_id" },
        { "vin,model_release_id,colour\nX,1,red\n", "Unknown column" },
        { "vin,model_release_id,vin\nX,1,Y\n", "named twice" },
        { "vin,model_release_id\n", "no vehicles" },
        { "vin,model_release_id\n\"7F7,1\n", "not closed" },
        { "vin,model_release_id\n" + string.Concat(Enumerable.Repeat("7F7ATR310PER00001,3\n", 40_000)), "at most 512 KB" },
        { "vin,model_release_id\n" + string.Concat(Enumerable.Repeat("x,3\n", BulkProvisioningCsv.MaxRows + 1)), "at most 5000 vehicles" },
    };

    [Theory]
    [MemberData(nameof(RejectedFiles))]
    public async Task A_file_that_cannot_be_read_is_refused_whole_and_nothing_is_stored(string csv, string message)
    {
        await using var db = Portal.CreateDb();
        var jobsBefore = await db.BulkProvisioningJobSet.CountAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => PlanAsync(csv));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await db.BulkProvisioningJobSet.CountAsync());
    }

    [Fact]
    public async Task Hostile_file_names_are_cleaned_and_a_file_with_no_good_row_cannot_start()
    {
        var job = await PlanAsync(Csv("nonsense,3,true"), "../../etc/\u0007" + new string('x', 400) + ".csv");
        Assert.DoesNotContain("/", job.FileName, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", job.FileName, StringComparison.Ordinal);
        Assert.True(job.FileName.Length <= PlanBulkProvisioning.MaxFileNameLength);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(async sp => { await sp.GetRequiredService<StartBulkProvisioning>().HandleAsync(job.Id); return 0; }));
        Assert.Contains("nothing to provision", error.Message, StringComparison.Ordinal);
        Assert.Equal(BulkJobStatus.Planned, (await DetailAsync(job.Id)).Job.Status);
    }

    [Fact]
    public async Task A_confirmed_file_is_provisioned_in_the_background_and_its_identity_files_come_as_one_archive()
    {
        var vins = Enumerable.Range(0, 5).Select(_ => NewBareVin()).ToList();
        var job = await PlanAsync(Csv(vins.Select(v => $"{v},3,true").Append("bad,3,true").ToArray()));
        var other = await Portal.CreateUserAsync($"other-{Guid.NewGuid():N}@arc.test", "all");

        // Only the uploader runs the job and takes its files.
        await using (var scope = await Portal.AsUserAsync(other))
        {
            var refused = await Assert.ThrowsAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<StartBulkProvisioning>().HandleAsync(job.Id));
            Assert.Contains("who uploaded this file", refused.Message, StringComparison.Ordinal);
        }
        await AsAdminAsync(async sp => { await sp.GetRequiredService<StartBulkProvisioning>().HandleAsync(job.Id); return 0; });
        await Assert.ThrowsAsync<ConflictException>(() =>
            AsAdminAsync(async sp => { await sp.GetRequiredService<StartBulkProvisioning>().HandleAsync(job.Id); return 0; }));

        var done = await WaitFinishedAsync(job.Id);
        Assert.Equal((5, 0, 1, 5), (done.Succeeded, done.Failed, done.Rejected, done.IdentityFiles));
        await using (var db = Portal.CreateDb())
        {
            var provisioned = vins.Select(v => "DEV-" + v).ToList();
            Assert.Equal(5, await db.VehicleSet.CountAsync(v => provisioned.Contains(v.Vin)));
            Assert.Equal(5, await db.VehicleMetaSet.CountAsync(m => provisioned.Contains(m.Vin) && m.Key == "heated_seats" && m.Value == "true"));
            // The sealed identity files are not readable in the database.
            var sealedFile = await db.BulkProvisioningRowSet.Where(r => r.JobId == job.Id && r.IdentityCiphertext != null).Select(r => r.IdentityCiphertext!).FirstAsync();
            Assert.DoesNotContain("PRIVATE KEY", Encoding.UTF8.GetString(sealedFile), StringComparison.Ordinal);
        }

        await using (var scope = await Portal.AsUserAsync(other))
            await Assert.ThrowsAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<DownloadBulkIdentities>().HandleAsync(job.Id));
        var archive = await AsAdminAsync(sp => sp.GetRequiredService<DownloadBulkIdentities>().HandleAsync(job.Id));
        Assert.Equal(5, archive.Files);
        using (var zip = new ZipArchive(new MemoryStream(archive.Content)))
        {
            Assert.Equal(vins.Select(v => $"DEV-{v}.json").Order(), zip.Entries.Select(e => e.FullName).Order());
            foreach (var entry in zip.Entries)
            {
                using var identity = await JsonDocument.ParseAsync(entry.Open());
                Assert.Equal(entry.Name[..^5], identity.RootElement.GetProperty("vin").GetString());
                Assert.StartsWith("-----BEGIN PRIVATE KEY-----", identity.RootElement.GetProperty("client_key").GetString(), StringComparison.Ordinal);
            }
        }

        var discarded = await AsAdminAsync(sp => sp.GetRequiredService<DiscardBulkIdentities>().HandleAsync(job.Id));
        Assert.Equal(5, discarded);
        var gone = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<DownloadBulkIdentities>().HandleAsync(job.Id)));
        Assert.Contains("deleted", gone.Message, StringComparison.Ordinal);
        await using (var db = Portal.CreateDb())
        {
            Assert.False(await db.BulkProvisioningRowSet.AnyAsync(r => r.JobId == job.Id && r.IdentityCiphertext != null));
            var actions = await db.AuditSet.Where(e => e.EntityType == "bulk_provisioning" && e.EntityId == job.Id.ToString()).Select(e => e.Action).ToListAsync();
            Assert.Contains(AuditActions.BulkProvisioningStarted, actions);
            Assert.Contains(AuditActions.BulkProvisioningFinished, actions);
            Assert.Contains(AuditActions.BulkProvisioningIdentitiesDownloaded, actions);
            Assert.Contains(AuditActions.BulkProvisioningIdentitiesDiscarded, actions);
        }
    }

    [Fact]
    public async Task Failed_rows_are_rolled_back_reported_and_succeed_when_retried()
    {
        var vins = Enumerable.Range(0, 3).Select(_ => NewBareVin()).ToList();
        var job = await PlanAsync(Csv(vins.Select(v => $"{v},3,false").ToArray()));
        fixture.Fault.FailAt = "factory_pin_generate";
        try
        {
            await AsAdminAsync(async sp => { await sp.GetRequiredService<StartBulkProvisioning>().HandleAsync(job.Id); return 0; });
            var failed = await WaitFinishedAsync(job.Id);
            Assert.Equal((0, 3), (failed.Succeeded, failed.Failed));
            var rows = (await DetailAsync(job.Id, BulkRowStatus.Failed)).Rows.Items;
            Assert.All(rows, r => Assert.Contains("factory_pin_generate", r.Problem, StringComparison.Ordinal));
            Assert.All(rows, r => Assert.NotNull(r.RunId));
            await using (var db = Portal.CreateDb())
                Assert.False(await db.VehicleSet.AnyAsync(v => vins.Select(x => "DEV-" + x).Contains(v.Vin)));
        }
        finally
        {
            fixture.Fault.FailAt = null;
        }

        var retried = await AsAdminAsync(sp => sp.GetRequiredService<RetryFailedBulkRows>().HandleAsync(job.Id));
        Assert.Equal(3, retried);
        var done = await WaitFinishedAsync(job.Id);
        Assert.Equal((3, 0), (done.Succeeded, done.Failed));
        var attempts = (await DetailAsync(job.Id)).Rows.Items.Select(r => r.Attempts);
        Assert.All(attempts, a => Assert.Equal(2, a));
        await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<RetryFailedBulkRows>().HandleAsync(job.Id)));
    }

    [Fact]
    public async Task A_job_interrupted_mid_row_resumes_and_re_provisions_the_vehicle_it_was_on_keeping_its_pin()
    {
        var first = NewBareVin();
        var second = NewBareVin();
        var job = await PlanAsync(Csv($"{first},3,false", $"{second},3,false"));
        // As if the server stopped while the first row ran: its vehicle exists but the row never recorded the outcome.
        var earlier = await AsAdminAsync(sp => sp.GetRequiredService<ProvisionVehicle>()
            .HandleAsync(new ProvisionRequest(first, 3, new VehicleOptions(false, false, false), false)));
        await using (var db = Portal.CreateDb())
        {
            await db.BulkProvisioningJobSet.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkJobStatus.Running));
            await db.BulkProvisioningRowSet.Where(r => r.JobId == job.Id && r.Line == 2)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, BulkRowStatus.Running).SetProperty(r => r.Attempts, 1));
        }

        await using (var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync()))
        {
            var runner = scope.ServiceProvider.GetServices<Arc.Domain.Jobs.IBackgroundJob>().Single(j => j.Kind == BulkJobKinds.Run);
            await runner.RunAsync(job.Id, CancellationToken.None);
        }

        var detail = await DetailAsync(job.Id);
        Assert.Equal(BulkJobStatus.Finished, detail.Job.Status);
        Assert.All(detail.Rows.Items, r => Assert.Equal(BulkRowStatus.Succeeded, r.Status));
        var archive = await AsAdminAsync(sp => sp.GetRequiredService<DownloadBulkIdentities>().HandleAsync(job.Id));
        using var zip = new ZipArchive(new MemoryStream(archive.Content));
        using var identity = await JsonDocument.ParseAsync(zip.GetEntry($"DEV-{first}.json")!.Open());
        Assert.Equal(earlier.Pin, identity.RootElement.GetProperty("pin").GetString());
    }

    [Fact]
    public async Task Identity_files_expire_a_day_after_the_job_finished()
    {
        var job = await PlanAsync(Csv($"{NewBareVin()},3,false"));
        await AsAdminAsync(async sp => { await sp.GetRequiredService<StartBulkProvisioning>().HandleAsync(job.Id); return 0; });
        await WaitFinishedAsync(job.Id);
        await using var scope = Portal.Services.CreateAsyncScope();
        var purge = scope.ServiceProvider.GetServices<Arc.Domain.Jobs.IBackgroundJob>().Single(j => j.Kind == BulkJobKinds.PurgeIdentities);

        await purge.RunAsync(0, CancellationToken.None);
        Assert.Equal(1, (await DetailAsync(job.Id)).Job.IdentityFiles);

        await using (var db = Portal.CreateDb())
            await db.BulkProvisioningJobSet.Where(j => j.Id == job.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Finished, DateTimeOffset.UtcNow.AddHours(-25)));
        await purge.RunAsync(0, CancellationToken.None);
        var expired = (await DetailAsync(job.Id)).Job;
        Assert.Equal(0, expired.IdentityFiles);
        Assert.NotNull(expired.IdentitiesPurged);
    }

    [Fact]
    public async Task A_job_confirmed_twice_at_once_starts_once_and_two_workers_never_provision_a_row_twice()
    {
        var vins = Enumerable.Range(0, 4).Select(_ => NewBareVin()).ToList();
        var job = await PlanAsync(Csv(vins.Select(v => $"{v},3,false").ToArray()));
        var confirmations = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await AsAdminAsync(async sp => { await sp.GetRequiredService<StartBulkProvisioning>().HandleAsync(job.Id); return 0; });
                return "started";
            }
            catch (ConflictException e)
            {
                return e.Message;
            }
        }));
        Assert.Single(confirmations, c => c == "started");

        // A second worker on the same job (a duplicate delivery of the queue's message) runs alongside the first.
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Arc.Domain.Jobs.IJobActor>().ActAs(await Portal.AdminUsernameAsync());
            var worker = scope.ServiceProvider.GetServices<Arc.Domain.Jobs.IBackgroundJob>().Single(j => j.Kind == BulkJobKinds.Run);
            await worker.RunAsync(job.Id, CancellationToken.None);
        }
        await WaitFinishedAsync(job.Id);
        var rows = (await DetailAsync(job.Id)).Rows.Items;
        Assert.All(rows, r => Assert.Equal(BulkRowStatus.Succeeded, r.Status));
        await using var db = Portal.CreateDb();
        foreach (var vin in vins)
            Assert.Equal(1, await db.ProvisioningRunSet.CountAsync(r => r.Vin == "DEV-" + vin));
    }
}
