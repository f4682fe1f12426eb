namespace Arc.Domain.Models;

public class VehiclePlatform
{
    public int Id { get; set; }
    public required string PlatformName { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>A vehicle model; its letter code is VIN position 5 (T FUV, C Camera Car, ...).</summary>
public class VehicleModel
{
    public int Id { get; set; }
    public required string ModelName { get; set; }
    public required string LetterCode { get; set; }
    public int PlatformId { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>A model plus a hardware revision: a complete bill of part numbers, one per part type.</summary>
public class ModelRelease
{
    public int ModelReleaseId { get; set; }
    public required string Description { get; set; }
    public DateTimeOffset Created { get; set; }
    public int? ModelId { get; set; }
    public VehicleModel? Model { get; set; }
}

/// <summary>A kind of part a model release lists a number for; a retired type (the legacy single inverter) is no longer required.</summary>
public class PartType
{
    public required string Name { get; set; }
    /// <summary>Whether new model releases must list a part number for this type.</summary>
    public bool Current { get; set; } = true;
}

/// <summary>A part number known to the catalogue for one part type (one number may serve several types, as 004280 does).</summary>
public class CataloguePart
{
    public required string PartType { get; set; }
    public required string PartNumber { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>The part number a model release uses for one part type.</summary>
public class ModelPart
{
    public int ModelReleaseId { get; set; }
    public required string PartType { get; set; }
    public required string PartNumber { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>The part currently installed on a vehicle for one part type.</summary>
public class VehiclePartInstalled
{
    public required string Vin { get; set; }
    public required string PartType { get; set; }
    public required string PartNumber { get; set; }
    public DateTimeOffset Installed { get; set; }
}
