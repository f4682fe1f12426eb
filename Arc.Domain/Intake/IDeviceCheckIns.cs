namespace Arc.Domain.Intake;

/// <summary>
/// What the intake does with a message that is not telemetry: a registration, a shadow update document, a request
/// for telemetry definitions. Throws <see cref="IntakeDecoder.RefusedException"/> for a message that can never be
/// handled; any other exception means "try again".
/// </summary>
public interface IDeviceCheckIns
{
    Task HandleAsync(DecodedMessage message, CancellationToken ct);
}
