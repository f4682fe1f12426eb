using Arc.Domain.Common;

namespace Arc.Domain.Api;

/// <summary>The tables the HTTP API keeps for itself, read as <c>data.IdempotencyRecords</c>.</summary>
public interface IApiData : IEntitySets
{
    IQueryable<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
}
