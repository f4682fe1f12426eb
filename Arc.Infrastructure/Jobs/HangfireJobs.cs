using System.ComponentModel.DataAnnotations;
using Arc.Domain.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How many jobs one portal node runs at once.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often an idle node looks for queued jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The durable job queue: Hangfire with its tables in the portal's PostgreSQL database (schema <c>hangfire</c>). The
/// storage and the server are built here and held by this instance, never through Hangfire's static configuration, so
/// two portals in one process (as in the tests) each keep their own queue. Jobs enqueued before a restart run after it.
/// </summary>
public sealed partial class HangfireJobs : IBackgroundJobs, IHostedService, IDisposable
{
    private readonly Lazy<PostgreSqlStorage> _storage;
    private readonly IServiceScopeFactory _scopes;
    private readonly JobsOptions _options;
    private BackgroundJobServer? _server;

    private readonly ILogger<HangfireJobs> _logger;

    public HangfireJobs(string connectionString, IServiceScopeFactory scopes, IOptions<JobsOptions> options, ILogger<HangfireJobs> logger)
    {
        _logger = logger;
        _scopes = scopes;
        _options = options.Value;
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = _options.PollInterval,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
        };
        // Built on first use: the database exists only once the portal has initialised its stores.
        _storage = new Lazy<PostgreSqlStorage>(() => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
    }

    public string Enqueue(string kind, long subjectId, string? actor) =>
        new BackgroundJobClient(_storage.Value).Enqueue<JobDispatcher>(d => d.RunAsync(kind, subjectId, actor, CancellationToken.None));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = _storage.Value;
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = _options.WorkerCount,
            Activator = new ScopedJobActivator(_scopes),
            SchedulePollingInterval = _options.PollInterval,
            ShutdownTimeout = TimeSpan.FromSeconds(20),
        }, storage);
        var schedules = new RecurringJobManager(storage);
        Schedule("bulk-identities-purge", () => schedules.AddOrUpdate<JobDispatcher>("bulk-identities-purge",
            d => d.RunAsync(Domain.Provisioning.BulkJobKinds.PurgeIdentities, 0, null, CancellationToken.None), Cron.Hourly()));
        Schedule("email-outbox", () => schedules.AddOrUpdate<JobDispatcher>("email-outbox",
            d => d.RunAsync(Domain.Email.DeliverOutboxEmails.JobKind, 0, null, CancellationToken.None), Cron.Minutely()));
        // Shadow updates that failed are retried by the outbox worker now; an older deployment's schedule goes.
        Schedule("shadow-republish", () => schedules.RemoveIfExists("shadow-republish"));
        Schedule(Domain.Telemetry.ExpireTelemetryExports.JobKind, () => schedules.AddOrUpdate<JobDispatcher>(Domain.Telemetry.ExpireTelemetryExports.JobKind,
            d => d.RunAsync(Domain.Telemetry.ExpireTelemetryExports.JobKind, 0, null, CancellationToken.None), Cron.Hourly()));
        Schedule(Domain.Alarms.CheckNotReportingAlarms.JobKind, () => schedules.AddOrUpdate<JobDispatcher>(Domain.Alarms.CheckNotReportingAlarms.JobKind,
            d => d.RunAsync(Domain.Alarms.CheckNotReportingAlarms.JobKind, 0, null, CancellationToken.None), Cron.Minutely()));
        Schedule(Domain.Rollouts.AdvanceCampaigns.JobKind, () => schedules.AddOrUpdate<JobDispatcher>(Domain.Rollouts.AdvanceCampaigns.JobKind,
            d => d.RunAsync(Domain.Rollouts.AdvanceCampaigns.JobKind, 0, null, CancellationToken.None), Cron.Minutely()));
        Schedule(Domain.Api.PurgeApiRecords.JobKind, () => schedules.AddOrUpdate<JobDispatcher>(Domain.Api.PurgeApiRecords.JobKind,
            d => d.RunAsync(Domain.Api.PurgeApiRecords.JobKind, 0, null, CancellationToken.None), Cron.Hourly()));
        // Daily, not monthly: the run after the 1st produces last month's insurer export, and later runs retry it if it failed.
        Schedule(Domain.InsurerExports.ScheduleInsurerExport.JobKind, () => schedules.AddOrUpdate<JobDispatcher>(Domain.InsurerExports.ScheduleInsurerExport.JobKind,
            d => d.RunAsync(Domain.InsurerExports.ScheduleInsurerExport.JobKind, 0, null, CancellationToken.None), Cron.Daily(2)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes one schedule. Another node writing it at the same moment, or a process killed while it wrote it, holds its
    /// lock for a while; the schedule stored before stands, and the portal starts rather than fail over it.
    /// </summary>
    private void Schedule(string name, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is PostgreSqlDistributedLockException or Hangfire.Storage.DistributedLockTimeoutException)
        {
            LogScheduleLocked(e, name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The schedule {Name} is locked by another node or a stopped one; it keeps the definition stored before")]
    private partial void LogScheduleLocked(Exception e, string name);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
            return;
        _server.SendStop();
        await _server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose() => _server?.Dispose();

    private sealed class ScopedJobActivator(IServiceScopeFactory scopes) : JobActivator
    {
        public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateAsyncScope());

        private sealed class Scope(AsyncServiceScope scope) : JobActivatorScope
        {
            public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

            public override void DisposeScope() => scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}

/// <summary>What Hangfire runs: finds the job of the given kind in a fresh scope acting for the job's user, and runs it.</summary>
public sealed partial class JobDispatcher(IEnumerable<IBackgroundJob> jobs, IServiceProvider services, ILogger<JobDispatcher> logger)
{
    public async Task RunAsync(string kind, long subjectId, string? actor, CancellationToken ct)
    {
        var job = jobs.FirstOrDefault(j => j.Kind == kind) ?? throw new InvalidOperationException($"No background job of kind '{kind}'.");
        if (actor is not null)
        {
            var actorContext = services.GetService<IJobActor>()
                ?? throw new InvalidOperationException("A job acting for a user needs an IJobActor in its scope.");
            actorContext.ActAs(actor);
        }
        try
        {
            await job.RunAsync(subjectId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, kind, subjectId);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background job {Kind} {Subject} failed; the queue will retry it")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, long subject);
}
