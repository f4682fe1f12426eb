using System.Collections.Concurrent;
using System.Globalization;
using Arc.Domain.Jobs;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// A portal whose queued jobs wait for the test instead of running. Campaign tests move their campaigns themselves, on a
/// clock of their own; the advance that a start or a retry queues would otherwise run at once on the real clock and race
/// them (a retried vehicle dispatched on the real clock is a day overdue on a test clock moved on by a day).
/// </summary>
public sealed class HeldJobsPortal : IAsyncLifetime
{
    public HeldJobs Jobs { get; } = new();

    public PortalServer Portal { get; }

    public HeldJobsPortal() => Portal = new PortalServer { ReplaceServices = services => services.AddSingleton<IBackgroundJobs>(Jobs) };

    public Task InitializeAsync() => Portal.InitializeAsync();

    public Task DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>Keeps what was queued, in order, and runs none of it.</summary>
public sealed class HeldJobs : IBackgroundJobs
{
    public ConcurrentQueue<(string Kind, long SubjectId)> Queued { get; } = new();

    public string Enqueue(string kind, long subjectId, string? actor)
    {
        Queued.Enqueue((kind, subjectId));
        return Queued.Count.ToString(CultureInfo.InvariantCulture);
    }
}
