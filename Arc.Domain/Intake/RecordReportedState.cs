using System.Text.Json.Nodes;
using Arc.Domain.Changes;
using Arc.Domain.Shadows;

namespace Arc.Domain.Intake;

/// <summary>
/// A shadow update document (<c>$aws/things/&lt;vin&gt;/shadow/update/documents</c>): what the vehicle now reports. On AWS
/// IoT the shadow already holds it, so the portal only tells the open pages; on the embedded shadow store the reported
/// keys that differ are written, which is what AWS would have done. Comparing first is what keeps an AWS shadow from
/// being written again (and sending another document).
/// </summary>
public sealed class RecordReportedState(IDeviceShadows shadows, IChangeFeed changes)
{
    public async Task HandleAsync(DecodedMessage message, CancellationToken ct)
    {
        if (message.Document?["current"]?["state"]?["reported"] is not JsonObject reported)
            throw new IntakeDecoder.RefusedException("A shadow document needs current.state.reported.", message.Vin);
        var shadow = await shadows.GetAsync(message.Vin, ct);
        var changed = new JsonObject();
        foreach (var (key, value) in reported)
            if (shadow is null || !JsonNode.DeepEquals(shadow.Reported[key], value))
                changed[key] = value?.DeepClone();
        if (changed.Count > 0)
            await shadows.UpdateAsync(message.Vin, new ShadowUpdate(null, changed), ct);
        changes.Publish(new Change(ChangeTopics.VehicleShadow, message.Vin));
    }
}
