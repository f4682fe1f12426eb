using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

// The rows of the vehicles-in-recalls use cases: each input is refused after the check (an unknown recall, a malformed VIN).

public sealed class PreviewRecallVehiclesEntry : MatrixEntry<PreviewRecallVehicles>
{
    public override string Requirement => Perm.RecallVehicleAdd;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<PreviewRecallVehicles>().HandleAsync(999_999, "NOTAVIN");
}

public sealed class AddRecallVehiclesEntry : MatrixEntry<AddRecallVehicles>
{
    public override string Requirement => Perm.RecallVehicleAdd;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AddRecallVehicles>().HandleAsync(999_999, "NOTAVIN");
}

public sealed class RemoveRecallVehicleEntry : MatrixEntry<RemoveRecallVehicle>
{
    public override string Requirement => Perm.RecallVehicleRemove;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RemoveRecallVehicle>().HandleAsync(999_999, "NOTAVIN");
}

public sealed class EditRecallVehicleEntry : MatrixEntry<EditRecallVehicle>
{
    public override string Requirement => Perm.RecallVehicleEdit;

    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<EditRecallVehicle>().HandleAsync(999_999, "NOTAVIN", new RecallVehicleDraft(RecallVehicleStatus.Open));
}

public sealed class ServiceRecallVehiclesEntry : MatrixEntry<ServiceRecallVehicles>
{
    public override string Requirement => Perm.RecallVehicleService;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ServiceRecallVehicles>().HandleAsync(999_999, "NOTAVIN");
}

public sealed class ListRecallVehiclesEntry : MatrixEntry<ListRecallVehicles>
{
    public override string Requirement => Perm.RecallVehicleRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListRecallVehicles>().HandleAsync(new RecallVehicleQuery(999_999));
}

public sealed class ListVehicleRecallsEntry : MatrixEntry<ListVehicleRecalls>
{
    public override string Requirement => Perm.RecallVehicleRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListVehicleRecalls>().HandleAsync("NOTAVIN");
}

/// <summary>The public lookup: for anyone, signed in or not.</summary>
public sealed class GetPublicRecallsEntry : MatrixEntry<GetPublicRecalls>
{
    public override string Requirement => Anyone;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetPublicRecalls>().HandleAsync("NOTAVIN");
}

/// <summary>The public data dates: for anyone; reading them changes nothing.</summary>
public sealed class GetRecallDataDatesEntry : MatrixEntry<GetRecallDataDates>
{
    public override string Requirement => Anyone;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetRecallDataDates>().HandleAsync();
}
