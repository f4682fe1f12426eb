namespace Arc.Domain.Intake;

/// <summary>Where a message from a vehicle came in.</summary>
public enum IntakeSource
{
    /// <summary>The portal's own MQTT broker (development, a bench device on the factory floor).</summary>
    Mqtt,
    /// <summary>The SQS queue an AWS IoT rule fills (production).</summary>
    Sqs,
    /// <summary>A dead letter sent through again by a person after a fix.</summary>
    Redrive,
}

/// <summary>
/// One message as a transport received it, before anything in it is believed. The body is the old system's record
/// (<c>{vin, data: [...], env_prefix?}</c>) for telemetry, or the vehicle's document for the other topics.
/// </summary>
/// <param name="MessageId">The transport's id (the SQS message id, or one the broker makes up), for duplicates and dead letters.</param>
/// <param name="Topic">The MQTT topic the vehicle published to; null for a queue body without one, which is telemetry.</param>
/// <param name="Attempt">How many times the transport has delivered this message (SQS's receive count; 1 otherwise).</param>
/// <param name="DeviceVin">The VIN the transport proved (a device certificate's name), which the body's VIN must match; null when nothing was proved.</param>
public sealed record IntakeMessage(
    IntakeSource Source,
    string MessageId,
    string? Topic,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt,
    int Attempt = 1,
    string? DeviceVin = null);

/// <summary>What became of a message.</summary>
public enum IntakeResult
{
    /// <summary>Its points are in the telemetry store (or its check-in was recorded).</summary>
    Written,
    /// <summary>It was seen and written before; nothing was written again.</summary>
    Duplicate,
    /// <summary>It can never be written as it is (malformed, unknown VIN, from the future...); the reason says why.</summary>
    Refused,
    /// <summary>Writing failed this time; the transport should deliver it again.</summary>
    Failed,
    /// <summary>It failed too often and now waits in the dead-letter store for a person.</summary>
    DeadLettered,
}

/// <param name="Reason">Why it was refused, failed or dead-lettered, in words for the intake page.</param>
public sealed record IntakeOutcome(IntakeResult Result, string? Reason = null)
{
    /// <summary>True when the transport may forget the message (delete it from the queue): it is written, refused or kept.</summary>
    public bool Settled => Result != IntakeResult.Failed;

    public static IntakeOutcome Written { get; } = new(IntakeResult.Written);
    public static IntakeOutcome Duplicate { get; } = new(IntakeResult.Duplicate);
    public static IntakeOutcome Refused(string reason) => new(IntakeResult.Refused, reason);
    public static IntakeOutcome Failed(string reason) => new(IntakeResult.Failed, reason);
    public static IntakeOutcome DeadLettered(string reason) => new(IntakeResult.DeadLettered, reason);
}
