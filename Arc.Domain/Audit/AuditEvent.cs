namespace Arc.Domain.Audit;

/// <summary>One recorded mutation: who did what to which entity, when, and as part of which request.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The acting username, or <c>system</c> for work the portal does on its own.</summary>
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>A short before/after summary (JSON); never a secret.</summary>
    public required string Summary { get; set; }
    public required string CorrelationId { get; set; }
}
