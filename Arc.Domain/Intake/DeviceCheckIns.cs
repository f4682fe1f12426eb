using Arc.Domain.Recalls;
using Arc.Domain.Rollouts;

namespace Arc.Domain.Intake;

/// <summary>
/// Sends each kind of check-in to the one class that handles it. A shadow document or a registration that reports the
/// vehicle's firmware then completes the over-the-air recalls that firmware remedies: both paths pass here, so this is
/// the one place that sees every firmware report (the report is read from the message, not from the stored shadow,
/// which on AWS IoT was written before the document arrived). The same report moves the vehicle's over-the-air campaign
/// entries (decision 0052).
/// </summary>
public sealed class DeviceCheckIns(RegisterVehicle register, RecordReportedState reported, AnswerDefinitionsRequest definitions,
    RecordOverTheAirRemedies remedies, RecordCampaignProgress campaigns, TimeProvider time) : IDeviceCheckIns
{
    public async Task HandleAsync(DecodedMessage message, CancellationToken ct)
    {
        var received = time.GetUtcNow();
        await (message.Kind switch
        {
            IntakeTopicKind.Registration => register.HandleAsync(message, ct),
            IntakeTopicKind.ShadowDocuments => reported.HandleAsync(message, ct),
            IntakeTopicKind.DefinitionsRequest => definitions.HandleAsync(message, ct),
            _ => throw new IntakeDecoder.RefusedException($"A {message.Kind} message is not a check-in.", message.Vin),
        });
        if (message.Kind is IntakeTopicKind.ShadowDocuments or IntakeTopicKind.Registration)
            await campaigns.HandleAsync(message, ct);
        if (RecordOverTheAirRemedies.ReportOf(message, received) is { } report)
            await remedies.HandleAsync(report, ct);
    }
}
