namespace Arc.Domain.Fleets;

/// <summary>What a fleet is used for: internal, pilot or rental (seeded, fixed); the insurer export reads it as coverage.</summary>
public class FleetType
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

/// <summary>An accounting department (cost centre) a fleet is booked to, such as 670 Rental Operations.</summary>
public class DepartmentCode
{
    /// <summary>The old system accepted ten characters into a column of eight and failed on save; eight is the rule here.</summary>
    public const int MaxCodeLength = 8;
    public const int MaxDescriptionLength = 64;

    public int Id { get; set; }
    public required string Code { get; set; }
    public string Description { get; set; } = "";
}

/// <summary>Stable audit action codes of a fleet's settings and of department codes.</summary>
public static class FleetSettingsAuditActions
{
    public const string TypeSet = "fleet.type_set";
    public const string LocationSet = "fleet.location_set";
    public const string DepartmentCodeSet = "fleet.department_code_set";
    public const string DepartmentCodeCreated = "department_code.created";
    public const string DepartmentCodeDeleted = "department_code.deleted";
    public const string FleetEntity = "Fleet";
    public const string DepartmentCodeEntity = "DepartmentCode";
}
