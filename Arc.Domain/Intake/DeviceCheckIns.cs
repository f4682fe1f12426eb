namespace Arc.Domain.Intake;

/// <summary>Sends each kind of check-in to the one class that handles it.</summary>
public sealed class DeviceCheckIns(RegisterVehicle register, RecordReportedState reported, AnswerDefinitionsRequest definitions) : IDeviceCheckIns
{
    public Task HandleAsync(DecodedMessage message, CancellationToken ct) => message.Kind switch
    {
        IntakeTopicKind.Registration => register.HandleAsync(message, ct),
        IntakeTopicKind.ShadowDocuments => reported.HandleAsync(message, ct),
        IntakeTopicKind.DefinitionsRequest => definitions.HandleAsync(message, ct),
        _ => throw new IntakeDecoder.RefusedException($"A {message.Kind} message is not a check-in.", message.Vin),
    };
}
