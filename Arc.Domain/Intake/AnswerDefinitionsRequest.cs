using System.Text;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Intake;

/// <summary>
/// A vehicle asks for its telemetry definitions (<c>get_telemetry_definition</c>): the version its metadata names (the
/// default version when it names none, which is then recorded on it), in metrics.json's shape with <c>_version</c>,
/// published to the vehicle's own definitions topic.
/// </summary>
public sealed class AnswerDefinitionsRequest(IArcDataFactory dataFactory, IDeviceReplies replies)
{
    public async Task HandleAsync(DecodedMessage message, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var stored = await data.FirstOrDefaultAsync(data.VehicleMeta.Where(m => m.Vin == message.Vin && m.Section == TelemetrySettings.Section
            && m.Key == TelemetrySettings.VersionKey), ct);
        var name = TelemetrySettings.ToVersionName(stored?.Value);
        var version = await data.FirstOrDefaultAsync(data.TelemetryDefinitionVersions.Where(v => v.Name == name), ct)
            ?? await data.FirstOrDefaultAsync(data.TelemetryDefinitionVersions.Where(v => v.IsDefault), ct)
            ?? throw new InvalidOperationException("No telemetry definitions version exists.");
        if (stored is null)
        {
            data.Add(new Vehicles.VehicleMeta { Vin = message.Vin, Section = TelemetrySettings.Section, Key = TelemetrySettings.VersionKey, Value = TelemetrySettings.FromVersionName(version.Name) });
            await data.SaveChangesAsync(ct);
        }
        var points = await data.ListAsync(data.PointDefinitions.Where(p => p.VersionId == version.Id).OrderBy(p => p.Name), ct);
        var answer = new JsonObject();
        foreach (var p in points)
        {
            var point = new JsonObject();
            if (p.Address is { } address)
                point["address"] = address;
            if (p.ByteList is { } list)
                point["byte_list"] = JsonNode.Parse(list);
            if (p.Type != "bool")
                point["type"] = p.Type;
            if (p.Report is { } report)
                point["report"] = report;
            if (p.Scale != 1)
                point["scale"] = p.Scale;
            if (p.Offset != 0)
                point["offset"] = p.Offset;
            answer[p.Name] = point;
        }
        // Firmware knows a version by the name the old system gave it (the legacy one by its S3 version id).
        answer["_version"] = TelemetrySettings.FromVersionName(version.Name);
        await replies.PublishAsync(message.Vin, IntakeTopics.Definitions(message.Vin), Encoding.UTF8.GetBytes(answer.ToJsonString()), ct);
    }
}
