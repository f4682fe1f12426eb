namespace Arc.Domain.Fleets;

/// <summary>A vehicle group ("fleet"). Fleet 1 is the maker's own and holds every provisioned vehicle; it is protected.</summary>
public class Fleet
{
    public const int MakerFleetId = 1;

    public int Id { get; set; }
    public required string Name { get; set; }

    // The fleet's settings (spec/backend.md §7.3): one of each at most, any of them may be absent.
    public int? TypeId { get; set; }
    public int? LocationId { get; set; }
    public int? DepartmentCodeId { get; set; }

    public bool IsProtected => Id == MakerFleetId;
}

public class FleetVehicle
{
    public required string Vin { get; set; }
    public int FleetId { get; set; }
}

/// <summary>A user's membership of a fleet, which gives vehicle-scoped access (spec/backend.md §3.3).</summary>
public class FleetUser
{
    public required string Username { get; set; }
    public int FleetId { get; set; }
}
