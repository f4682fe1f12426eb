namespace Arc.Infrastructure.DevServices;

/// <summary>Where and how the embedded default runs its own servers.</summary>
public sealed class DevServicesOptions
{
    public const string Section = "DevServices";

    /// <summary>Folder for the servers' data, relative to the repository root (the folder holding Arc.Portal.sln).</summary>
    public string DataDirectory { get; set; } = ".data";
    public int PostgresPort { get; set; } = 54329;
    public int InfluxPort { get; set; } = 58086;
    public string Database { get; set; } = "arc_portal";
}
