namespace Arc.Domain.Intake;

/// <summary>What the running intake knows beyond its tables: whether writes fail now, and how full the store's VIN index is.</summary>
public interface IIntakeStatus
{
    /// <summary>When the current run of failed writes began (null while writes succeed), and the last failure.</summary>
    (DateTimeOffset? Since, string? Reason) Failing { get; }

    /// <summary>VINs in the telemetry store's index and the server's limit on them (0 = none).</summary>
    Task<(long Vins, long Limit)> VinCapacityAsync(CancellationToken ct);
}
