using System.Text.Json.Nodes;

namespace Arc.Domain.Shadows;

/// <summary>A device shadow as AWS IoT keeps it: desired, reported, their computed delta, per-key timestamps, a version.</summary>
public sealed record ShadowDocument(
    JsonObject Desired,
    JsonObject Reported,
    JsonObject? Delta,
    JsonObject Metadata,
    long Version,
    DateTimeOffset Timestamp);

/// <summary>A change to a shadow: either section may be absent; a null value inside one removes that key.</summary>
public sealed record ShadowUpdate(JsonObject? Desired, JsonObject? Reported, long? ExpectedVersion = null);

public enum ShadowSync
{
    Unknown,
    Pending,
    Synchronized,
}

/// <summary>
/// The device shadows of AWS IoT (Get/Update/Delete thing shadow). The local adapter keeps them in PostgreSQL with
/// the same semantics; the AWS adapter calls the IoT Data REST API. A stale expected version is a conflict.
/// </summary>
public interface IDeviceShadows
{
    Task<ShadowDocument?> GetAsync(string thingName, CancellationToken ct = default);

    Task<ShadowDocument> UpdateAsync(string thingName, ShadowUpdate update, CancellationToken ct = default);

    Task<bool> DeleteAsync(string thingName, CancellationToken ct = default);
}

public static class ShadowStatus
{
    /// <summary>Synchronized: the vehicle reported everything desired (no delta); pending: a delta remains.</summary>
    public static ShadowSync Of(ShadowDocument? shadow) => shadow switch
    {
        null => ShadowSync.Unknown,
        { Desired.Count: 0 } => ShadowSync.Unknown,
        { Delta: not null } => ShadowSync.Pending,
        { Reported.Count: 0 } => ShadowSync.Unknown,
        _ => ShadowSync.Synchronized,
    };
}
