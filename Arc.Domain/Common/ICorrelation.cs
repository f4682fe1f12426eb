namespace Arc.Domain.Common;

/// <summary>The id that ties together everything one request or one circuit event caused (logs and audit events).</summary>
public interface ICorrelation
{
    string Id { get; }
}
