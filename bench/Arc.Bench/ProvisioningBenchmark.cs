using System.Diagnostics;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Arc.Bench;

/// <summary>
/// Provisioning on the local adapters: the latency of single provisions (p50, p95) and the throughput of provisioning
/// 1,000 VINs one after another, with the time spent in each saga step (from the recorded step times).
/// </summary>
public static class ProvisioningBenchmark
{
    public static async Task RunAsync(BenchRun run)
    {
        var count = (int)run.Size(1000, 10);
        var (warmup, singles) = run.Pick((20, 200), (2, 10));
        await using var servers = await EmbeddedServers.StartAsync(BenchRun.TempDirectory(), postgres: true, influx: false,
            new DevServicesOptions { PostgresPort = 0, Database = "arc_bench" }, throwAway: true);
        var provisioner = new Provisioner();
        await using var app = await BenchHost.StartAsync(servers.Postgres!.ConnectionString, services =>
        {
            services.AddSingleton<ICurrentUser>(provisioner);
            services.AddSingleton<Arc.Domain.Jobs.IJobActor>(provisioner);
        });

        async Task<ProvisionResult> ProvisionAsync(int serial)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var vin = DemoData.MakeVin('T', 'S', serial);
            return await scope.ServiceProvider.GetRequiredService<ProvisionVehicle>()
                .HandleAsync(new ProvisionRequest(vin, 3, new VehicleOptions(true, true, false), false));
        }

        for (var i = 0; i < warmup; i++)
            await ProvisionAsync(90_000 + i);

        var latencies = new double[singles];
        for (var i = 0; i < latencies.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = await ProvisionAsync(80_000 + i);
            latencies[i] = clock.Elapsed.TotalMilliseconds;
            if (!result.Succeeded)
                throw new InvalidOperationException(result.Error);
        }
        Array.Sort(latencies);

        var bulkClock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var result = await ProvisionAsync(i);
            if (!result.Succeeded)
                throw new InvalidOperationException(result.Error);
        }
        var bulkSeconds = bulkClock.Elapsed.TotalSeconds;

        // The same number of VINs as one uploaded file: dry run, confirm, and the durable job on the Hangfire queue.
        var jobs = app.Services.GetRequiredService<Arc.Infrastructure.Jobs.HangfireJobs>();
        await jobs.StartAsync(CancellationToken.None);
        var csv = "vin,model_release_id,heated_seats\n" + string.Join("\n", Enumerable.Range(0, count).Select(i => DemoData.MakeVin('T', 'R', i) + ",3,true"));
        var planClock = Stopwatch.StartNew();
        BulkJobSummary job;
        await using (var scope = app.Services.CreateAsyncScope())
            job = await scope.ServiceProvider.GetRequiredService<PlanBulkProvisioning>().HandleAsync("bench.csv", csv);
        var planSeconds = planClock.Elapsed.TotalSeconds;
        var jobClock = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<StartBulkProvisioning>().HandleAsync(job.Id);
        while (true)
        {
            await Task.Delay(100);
            await using var scope = app.Services.CreateAsyncScope();
            job = (await scope.ServiceProvider.GetRequiredService<GetBulkProvisioningJob>().HandleAsync(job.Id, new BulkRowQuery(PageSize: 1))).Job;
            if (job.Status == BulkJobStatus.Finished)
                break;
        }
        var jobSeconds = jobClock.Elapsed.TotalSeconds;
        await jobs.StopAsync(CancellationToken.None);
        if (job.Succeeded != count)
            throw new InvalidOperationException($"The bulk job provisioned {job.Succeeded} of {count}.");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ArcDbContext>>().CreateDbContextAsync();
        var steps = await db.Set<ProvisioningStep>().Where(s => s.Started != null && s.Finished != null)
            .Select(s => new { s.Index, s.Name, s.Started, s.Finished }).ToListAsync();

        var (p50, p95) = (latencies[singles / 2], latencies[(int)(singles * 0.95)]);
        Console.WriteLine($"Single provisioning, {singles} runs: p50 {p50:F1} ms, p95 {p95:F1} ms (target p50 under 200 ms)");
        Console.WriteLine($"Baseline, the saga called {count:N0} times in a loop: {bulkSeconds:F1} s = {count / bulkSeconds:F1} vehicles per second");
        Console.WriteLine($"Bulk job, {count:N0} VINs from one CSV: dry run {planSeconds:F2} s; job {jobSeconds:F1} s = {count / jobSeconds:F1} vehicles per second " +
            $"({bulkSeconds / jobSeconds:F2}x the baseline; target at least 10 per second)");
        Console.WriteLine();
        Console.WriteLine("| step | mean ms |");
        Console.WriteLine("|---|---|");
        foreach (var step in steps.GroupBy(s => (s.Index, s.Name)).OrderBy(g => g.Key.Index))
            Console.WriteLine($"| {step.Key.Index + 1}. {step.Key.Name} | {step.Average(s => (s.Finished!.Value - s.Started!.Value).TotalMilliseconds):F2} |");
        run.Figure("vehicles", count);
        run.Figure("single_p50_ms", p50);
        run.Figure("single_p95_ms", p95);
        run.Figure("loop_vehicles_per_s", count / bulkSeconds);
        run.Figure("dry_run_s", planSeconds);
        run.Figure("bulk_vehicles_per_s", count / jobSeconds);
        run.Figure("bulk_ratio", bulkSeconds / jobSeconds);
    }

    private sealed class Provisioner : ICurrentUser, Arc.Domain.Jobs.IJobActor
    {
        public void ActAs(string username)
        {
        }

        private static readonly IReadOnlySet<string> Permissions = new HashSet<string> { Perm.VehicleProvision };

        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => Task.FromResult<string?>("bench");

        public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => Task.FromResult(Permissions);
    }
}
