namespace Arc.Domain.ManagedSessions;

/// <summary>A vehicle in managed-session mode (rental or demo use with temporary PINs), spec/backend.md §7.4.</summary>
public class ManagedSessionVehicle
{
    public required string Vin { get; set; }
}

/// <summary>A PIN session on a managed vehicle; active while it has no completion time. REEF sessions have no creator.</summary>
public class ManagedSession
{
    public int Id { get; set; }
    public required string Vin { get; set; }
    /// <summary>The session's PIN, sealed by the key vault: read and write it through <see cref="ManagedPinStore"/>.</summary>
    public required string Pin { get; set; }
    public DateTimeOffset Initialization { get; set; }
    public DateTimeOffset? Completion { get; set; }
    /// <summary>The portal user who started it; null for sessions the REEF partner API started.</summary>
    public string? Creator { get; set; }
    public string? VerificationId { get; set; }
    public bool IsReef { get; set; }
}
