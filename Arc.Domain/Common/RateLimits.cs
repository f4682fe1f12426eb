using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Arc.Domain.Common;

/// <summary>
/// Counts uses of expensive or abusable operations per caller (README "Security"). The counts are kept in memory on
/// each node, so with several nodes a caller may get up to the limit once per node.
/// </summary>
public interface IRateLimits
{
    /// <summary>
    /// Takes one use of the operation for the signed-in user, or records the refusal and throws
    /// <see cref="TooManyRequestsException"/> when the user's limit (<see cref="RateLimitOptions"/>) is used up.
    /// </summary>
    Task RequireAsync(string username, string operation, CancellationToken ct = default);

    /// <summary>Takes one permit from the partition's window; false when none is left (nothing is recorded).</summary>
    bool TryAcquire(string partition, int permits, TimeSpan window);
}

/// <summary>Too many uses of an operation within its window (HTTP 429); the message says when to try again.</summary>
public sealed class TooManyRequestsException(string message) : DomainException(message);

/// <summary>How many uses a window allows.</summary>
public sealed class RateLimit
{
    public int Permits { get; set; }
    public TimeSpan Window { get; set; }

    public static RateLimit PerHour(int permits) => new() { Permits = permits, Window = TimeSpan.FromHours(1) };
}

/// <summary>The limited operations, by the name used in settings (<c>Portal:RateLimits:&lt;Operation&gt;:Permits</c> and <c>:Window</c>).</summary>
public static class RateLimitedOperations
{
    public const string TelemetryExports = nameof(TelemetryExports);
    public const string TelemetryBackfills = nameof(TelemetryBackfills);
    public const string TokenSigning = nameof(TokenSigning);
    public const string PinViews = nameof(PinViews);
    public const string InvitationResends = nameof(InvitationResends);

    /// <summary>What the user did so many times, for the message ("You have signed 120 tokens …").</summary>
    public static string Done(string operation, int count) => operation switch
    {
        TelemetryExports => $"requested {count} telemetry exports",
        TelemetryBackfills => $"started {count} telemetry backfills",
        TokenSigning => $"signed {count} tokens",
        PinViews => $"viewed {count} factory PINs",
        InvitationResends => $"resent {count} invitations",
        _ => $"done '{operation}' {count} times",
    };

    public static string Refusal(string operation, RateLimit limit, DateTimeOffset retryAt) =>
        string.Create(CultureInfo.InvariantCulture,
            $"You have {Done(operation, limit.Permits)} in the last {Describe(limit.Window)}; the limit is {limit.Permits}. Try again after {retryAt:HH:mm} UTC.");

    private static string Describe(TimeSpan window) => window switch
    {
        { TotalDays: 1 } => "day",
        { TotalHours: 1 } => "hour",
        { TotalMinutes: 1 } => "minute",
        { TotalHours: >= 1 } when window.TotalHours % 1 == 0 => $"{window.TotalHours:0} hours",
        { TotalMinutes: >= 1 } when window.TotalMinutes % 1 == 0 => $"{window.TotalMinutes:0} minutes",
        _ => $"{window.TotalSeconds:0} seconds",
    };
}

/// <summary>Per-user limits, <c>Portal:RateLimits</c>; each defaults to a number an honest user does not reach in an hour.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "Portal:RateLimits";

    public RateLimit TelemetryExports { get; set; } = RateLimit.PerHour(10);
    public RateLimit TelemetryBackfills { get; set; } = RateLimit.PerHour(10);
    public RateLimit TokenSigning { get; set; } = RateLimit.PerHour(120);
    public RateLimit PinViews { get; set; } = RateLimit.PerHour(30);
    public RateLimit InvitationResends { get; set; } = RateLimit.PerHour(10);

    public RateLimit For(string operation) => operation switch
    {
        RateLimitedOperations.TelemetryExports => TelemetryExports,
        RateLimitedOperations.TelemetryBackfills => TelemetryBackfills,
        RateLimitedOperations.TokenSigning => TokenSigning,
        RateLimitedOperations.PinViews => PinViews,
        RateLimitedOperations.InvitationResends => InvitationResends,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a rate-limited operation."),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var operation in new[] { RateLimitedOperations.TelemetryExports, RateLimitedOperations.TelemetryBackfills,
                     RateLimitedOperations.TokenSigning, RateLimitedOperations.PinViews, RateLimitedOperations.InvitationResends })
        {
            var limit = For(operation);
            if (limit.Permits is < 1 or > 1_000_000)
                yield return new ValidationResult($"{Section}:{operation}:Permits must be between 1 and 1000000.");
            if (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > TimeSpan.FromDays(7))
                yield return new ValidationResult($"{Section}:{operation}:Window must be between 00:00:01 and 7.00:00:00.");
        }
    }
}
