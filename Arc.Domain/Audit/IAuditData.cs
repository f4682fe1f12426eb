using Arc.Domain.Common;

namespace Arc.Domain.Audit;

/// <summary>The tables of the audit log, read as <c>data.AuditEvents</c> on any <see cref="IArcData"/>.</summary>
public interface IAuditData : IEntitySets
{
    IQueryable<AuditEvent> AuditEvents => Set<AuditEvent>();
}
