using System.Text.Json;
using Arc.Domain.Common;

namespace Arc.Domain.Audit;

/// <summary>Writes audit events into the caller's unit of work, so an event commits with its change or not at all.</summary>
public sealed class AuditTrail(ICorrelation correlation, TimeProvider time)
{
    public const string SystemActor = "system";
    public const int MaxSummaryLength = 8000;

    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    public AuditEvent Record(IArcData data, string actor, string action, string entityType, string entityId, object summary)
    {
        var text = summary as string ?? JsonSerializer.Serialize(summary, SummaryJson);
        if (text.Length > MaxSummaryLength)
            text = text[..MaxSummaryLength];
        var entry = new AuditEvent
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = text,
            CorrelationId = correlation.Id,
        };
        data.Add(entry);
        return entry;
    }
}

/// <summary>Stable audit action codes; a code, once used, keeps its meaning.</summary>
public static class AuditActions
{
    public const string UserSignedIn = "user.signed_in";
    public const string UserSignInFailed = "user.sign_in_failed";
    public const string UserLockedOut = "user.locked_out";
    public const string UserSignedOut = "user.signed_out";
    public const string UserPasswordChanged = "user.password_changed";
    public const string UserCreated = "user.created";
    public const string NoteCreated = "note.created";
    public const string DemoDataSeeded = "system.demo_data_seeded";
}

public static class AuditEntityTypes
{
    public const string User = "User";
    public const string Vehicle = "Vehicle";
    public const string Note = "Note";
    public const string System = "System";
}
