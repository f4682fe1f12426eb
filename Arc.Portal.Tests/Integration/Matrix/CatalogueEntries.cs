using Arc.Domain.Models;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

// The rows of the catalogue use cases (models, releases, parts, a vehicle's release, parts and quality inspections).
// Changes get an input refused after the permission check (a blank name, an unknown model, a malformed VIN).

public sealed class ListModelsEntry : MatrixEntry<ListModels>
{
    public override string Requirement => Perm.VehicleRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListModels>().HandleAsync();
}

public sealed class CreateModelEntry : MatrixEntry<CreateModel>
{
    public override string Requirement => Perm.ModelWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateModel>().HandleAsync(new NewModel("", "Z", null));
}

public sealed class ListModelReleasesEntry : MatrixEntry<ListModelReleases>
{
    public override string Requirement => Perm.VehicleRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListModelReleases>().HandleAsync(1);
}

public sealed class CreateModelReleaseEntry : MatrixEntry<CreateModelRelease>
{
    public override string Requirement => Perm.ModelWrite;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<CreateModelRelease>().HandleAsync(new NewModelRelease(999_999, "A release of no model", null));
}

public sealed class ListPartCatalogueEntry : MatrixEntry<ListPartCatalogue>
{
    public override string Requirement => Perm.VehicleRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListPartCatalogue>().HandleAsync();
}

public sealed class CreatePartTypeEntry : MatrixEntry<CreatePartType>
{
    public override string Requirement => Perm.ModelWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreatePartType>().HandleAsync("  ");
}

public sealed class CreatePartEntry : MatrixEntry<CreatePart>
{
    public override string Requirement => Perm.ModelWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreatePart>().HandleAsync(new NewPart("BMS", "bad", null));
}

public sealed class SetVehicleModelReleaseEntry : MatrixEntry<SetVehicleModelRelease>
{
    public override string Requirement => Perm.VehicleWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetVehicleModelRelease>().HandleAsync("bad", 1);
}

public sealed class InstallVehiclePartEntry : MatrixEntry<InstallVehiclePart>
{
    public override string Requirement => Perm.VehicleWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<InstallVehiclePart>().HandleAsync("bad", "BMS", "001052");
}

public sealed class RecordQualityInspectionEntry : MatrixEntry<RecordQualityInspection>
{
    public override string Requirement => Perm.VehicleInspect;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<RecordQualityInspection>().HandleAsync(new QualityInspectionRequest("bad", true, null));
}

public sealed class ListQualityInspectionsEntry : MatrixEntry<ListQualityInspections>
{
    public override string Requirement => Perm.VehicleRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListQualityInspections>().HandleAsync(MatrixVehicle.Vin);
}

public sealed class SetModelReleasePartEntry : MatrixEntry<SetModelReleasePart>
{
    public override string Requirement => Perm.ModelWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetModelReleasePart>().HandleAsync(999_999, "LV", "");
}
