using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>
/// Audits changes made in the user directory, which no database transaction covers. The intent
/// (<c>&lt;action&gt;.requested</c>) is committed before the directory is called, then comes the outcome: the action's own
/// code with the database change, or <c>&lt;action&gt;.failed</c> with a message safe to show. So whatever the directory
/// did, the audit log says it was asked for, and how it ended unless the portal stopped in between.
/// </summary>
public sealed class DirectoryChanges(IArcDataFactory dataFactory, AuditTrail audit)
{
    public const int MaxErrorLength = 300;

    /// <summary>
    /// The whole change: the intent (committed with whatever else <paramref name="data"/> holds, such as a version
    /// claim), the directory <paramref name="call"/>, then <paramref name="apply"/>'s database change with the outcome event
    /// in one save. A failure of the call or of that save is recorded and rethrown; the database change is then not made.
    /// </summary>
    public async Task ApplyAsync(IArcData data, string actor, string action, string username, object summary, Func<Task> call, Func<Task> apply,
        CancellationToken ct)
    {
        await RequestAsync(data, actor, action, username, summary, ct);
        await CallAsync(actor, action, username, call);
        try
        {
            await apply();
            audit.Record(data, actor, action, AuditEntityTypes.User, username, summary);
            await data.SaveChangesAsync(ct);
        }
        catch (Exception e)
        {
            await RecordFailureAsync(actor, action, username, e, "The directory made the change; the portal could not record it.");
            throw;
        }
    }

    /// <summary>Commits the intent together with whatever else <paramref name="data"/> holds (such as a version claim).</summary>
    public async Task RequestAsync(IArcData data, string actor, string action, string entityId, object summary, CancellationToken ct)
    {
        audit.Record(data, actor, action + AuditActions.RequestedSuffix, AuditEntityTypes.User, entityId, summary);
        await data.SaveChangesAsync(ct);
    }

    /// <summary>Calls the directory; a failure is recorded in a unit of work of its own and rethrown.</summary>
    public async Task<T> CallAsync<T>(string actor, string action, string entityId, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e)
        {
            await RecordFailureAsync(actor, action, entityId, e);
            throw;
        }
    }

    public Task CallAsync(string actor, string action, string entityId, Func<Task> call) =>
        CallAsync(actor, action, entityId, async () =>
        {
            await call();
            return true;
        });

    /// <summary>Records <c>&lt;action&gt;.failed</c> in a unit of work of its own, so the record stays whatever the caller's does.</summary>
    public async Task RecordFailureAsync(string actor, string action, string entityId, Exception error, string? context = null)
    {
        await using var data = dataFactory.Open();
        audit.Record(data, actor, action + AuditActions.FailedSuffix, AuditEntityTypes.User, entityId, new { error = SafeMessage(error), context });
        await data.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>A domain error's message is written to be shown; anything else is named by its kind only.</summary>
    private static string SafeMessage(Exception error)
    {
        var text = error switch
        {
            DomainException domain => domain.Message,
            OperationCanceledException => "The request was cancelled; the directory may or may not have made the change.",
            _ => $"The user directory failed ({error.GetType().Name}).",
        };
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }
}
