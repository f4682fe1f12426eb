using Arc.Domain.Shadows;

namespace Arc.Domain.Telemetry;

/// <summary>Where a vehicle's definitions version is kept (its metadata), and how its name is stored there.</summary>
internal static class TelemetrySettings
{
    public const string Section = "telemetry_settings";
    public const string VersionKey = "version";

    /// <summary>The legacy version is published to vehicles under its old S3 version id, which firmware knows it by.</summary>
    public static string ToVersionName(string? stored) =>
        string.IsNullOrEmpty(stored) || stored == DesiredState.DefaultTelemetryVersion ? TelemetryCatalogue.Legacy405 : stored;

    public static string FromVersionName(string name) => name == TelemetryCatalogue.Legacy405 ? DesiredState.DefaultTelemetryVersion : name;
}
