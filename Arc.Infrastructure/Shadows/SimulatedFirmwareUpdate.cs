using System.Text;
using System.Text.Json.Nodes;
using Arc.Domain.Firmware;
using Arc.Domain.Intake;
using Arc.Domain.Rollouts;
using Arc.Domain.Shadows;

namespace Arc.Infrastructure.Shadows;

/// <summary>
/// Development only: the vehicle side of an over-the-air update (decision 0052) for the device simulator. A vehicle
/// whose desired state holds a <c>firmware_target</c> it has not reported reports <c>ota: downloading</c>, and on its
/// next turn (one report delay later) the target firmware with <c>ota: installing</c>, or <c>ota: failed</c> for the
/// configured share. The reports go through the real intake, as a vehicle's shadow documents would, so the campaign
/// moves exactly as it does with real vehicles.
/// </summary>
internal sealed class SimulatedFirmwareUpdate(IIntakePipeline intake, TimeProvider time)
{
    /// <summary>What the simulator still has to do for a vehicle's target.</summary>
    public enum Step
    {
        /// <summary>No target, or the vehicle is done with it (installed or failed): the ordinary sync applies to every key.</summary>
        None,
        Download,
        Install,
    }

    public static Step Next(ShadowDocument shadow)
    {
        if (shadow.Desired[CampaignProgressRules.TargetKey] is not JsonObject target
            || target["campaign"] is not JsonValue id || !id.TryGetValue<int>(out var campaign)
            || target["components"] is not JsonObject components)
            return Step.None;
        var firmware = FirmwareStatusReader.Reported(shadow.Reported);
        var installed = components.All(c => c.Value is JsonValue v && v.TryGetValue<string>(out var hash)
            && firmware.TryGetValue(FirmwareCatalogue.Canonical(c.Key), out var reported)
            && string.Equals(reported, hash, StringComparison.OrdinalIgnoreCase));
        if (installed)
            return Step.None;
        var ota = CampaignProgressRules.OtaOf(shadow.Reported);
        if (ota is null || ota.Campaign != campaign)
            return Step.Download;
        return ota.State switch
        {
            "downloading" => Step.Install,
            // A failed update stays failed: the simulated vehicle does not try again by itself.
            "failed" => Step.None,
            _ => Step.Download,
        };
    }

    /// <summary>Sends the vehicle's next report through the intake; <paramref name="fail"/> makes an install report a failure.</summary>
    public async Task PlayAsync(string vin, ShadowDocument shadow, Step step, bool fail, CancellationToken ct)
    {
        var target = (JsonObject)shadow.Desired[CampaignProgressRules.TargetKey]!;
        var campaign = target["campaign"]!.GetValue<int>();
        var reported = step switch
        {
            Step.Download => new JsonObject { [CampaignProgressRules.OtaKey] = Ota(campaign, "downloading") },
            _ when fail => new JsonObject { [CampaignProgressRules.OtaKey] = Ota(campaign, "failed", "Simulated flash write failure") },
            _ => new JsonObject { ["firmware"] = target["components"]!.DeepClone(), [CampaignProgressRules.OtaKey] = Ota(campaign, "installing") },
        };
        var document = new JsonObject
        {
            ["previous"] = null,
            ["current"] = new JsonObject { ["state"] = new JsonObject { ["reported"] = reported }, ["version"] = shadow.Version + 1 },
            ["timestamp"] = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        var message = new IntakeMessage(IntakeSource.Mqtt, "simulator-" + Guid.NewGuid().ToString("N"), IntakeTopics.ShadowDocuments(vin),
            Encoding.UTF8.GetBytes(document.ToJsonString()), time.GetUtcNow(), 1);
        var outcome = await (await intake.EnqueueAsync(message, ct)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        if (outcome.Result != IntakeResult.Written)
            throw new InvalidOperationException($"The intake did not write the simulated report of {vin}: {outcome.Result}.");
    }

    private static JsonObject Ota(int campaign, string state, string? error = null) =>
        new() { ["campaign"] = campaign, ["state"] = state, ["error"] = error };
}
