namespace Arc.Domain.Jobs;

/// <summary>
/// Durable work that outlives the page that started it (spec: "closing the browser does not stop the job"). The queue
/// stores the job with its subject and the user it acts for; after a restart it runs again, so a job is written to
/// resume where it stopped.
/// </summary>
public interface IBackgroundJobs
{
    /// <returns>The queue's identifier of the job.</returns>
    string Enqueue(string kind, long subjectId, string? actor);
}

/// <summary>A kind of background work. It runs in its own scope, with the current user set to the job's actor.</summary>
public interface IBackgroundJob
{
    string Kind { get; }

    Task RunAsync(long subjectId, CancellationToken ct);
}

/// <summary>Lets the job runner make a job's scope act for the user who started it, with that user's current permissions.</summary>
public interface IJobActor
{
    void ActAs(string username);
}
