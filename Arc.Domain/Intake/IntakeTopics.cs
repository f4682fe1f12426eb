namespace Arc.Domain.Intake;

/// <summary>The kinds of message a vehicle publishes.</summary>
public enum IntakeTopicKind
{
    Telemetry,
    /// <summary>The first check-in of a manufactured vehicle (<c>register_vehicle</c>).</summary>
    Registration,
    /// <summary>AWS IoT's shadow update documents: the state the vehicle reports.</summary>
    ShadowDocuments,
    /// <summary>The vehicle asks for its telemetry definitions (<c>get_telemetry_definition</c>).</summary>
    DefinitionsRequest,
}

/// <summary>
/// The topics of spec/backend.md §1.21, §6 and §4.7, read and written in one place. The old IoT rules matched them with a
/// leading slash (<c>/vehicles/&lt;vin&gt;/telemetry</c>); both spellings are read, the portal writes without it.
/// </summary>
public static class IntakeTopics
{
    public static string Telemetry(string vin) => $"vehicles/{vin}/telemetry";
    public static string Registration(string vin) => $"vehicles/{vin}/register";
    public static string ShadowDocuments(string vin) => $"$aws/things/{vin}/shadow/update/documents";
    public static string DefinitionsRequest(string vin) => $"vehicles/{vin}/telemetry/defs/get";
    /// <summary>Where a vehicle listens for the answer to its definitions request.</summary>
    public static string Definitions(string vin) => $"vehicles/{vin}/telemetry/defs";

    /// <summary>The kind of a topic and the VIN in it, or null for a topic vehicles may not publish to.</summary>
    public static (IntakeTopicKind Kind, string Vin)? Parse(string? topic)
    {
        if (string.IsNullOrEmpty(topic) || topic.Length > 256)
            return null;
        var parts = topic.TrimStart('/').Split('/');
        return parts switch
        {
            ["vehicles", var vin, "telemetry"] when Named(vin) => (IntakeTopicKind.Telemetry, vin),
            ["vehicles", var vin, "register"] when Named(vin) => (IntakeTopicKind.Registration, vin),
            ["vehicles", var vin, "telemetry", "defs", "get"] when Named(vin) => (IntakeTopicKind.DefinitionsRequest, vin),
            ["$aws", "things", var vin, "shadow", "update", "documents"] when Named(vin) => (IntakeTopicKind.ShadowDocuments, vin),
            _ => null,
        };
    }

    /// <summary>The VIN of a topic a vehicle may subscribe to (its definitions answer, its shadow topics), or null.</summary>
    public static string? SubscriptionVin(string? topic)
    {
        if (string.IsNullOrEmpty(topic) || topic.Length > 256)
            return null;
        var parts = topic.TrimStart('/').Split('/');
        return parts switch
        {
            ["vehicles", var vin, "telemetry", "defs"] when Named(vin) => vin,
            ["vehicles", var vin, "shadow", ..] when Named(vin) => vin,
            ["$aws", "things", var vin, "shadow", ..] when Named(vin) => vin,
            _ => null,
        };
    }

    // A topic level that could match more than one vehicle (wildcards) or none is never a VIN.
    private static bool Named(string level) => level.Length is > 0 and <= 64 && !level.Contains('+') && !level.Contains('#');
}
