using Arc.Domain.Fleets;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// A fleet's type, location and department code, and the department codes themselves (their own permissions,
/// decision 0031). Fleets and codes that do not exist, or an empty code, are refused after the check.
/// </summary>
public sealed class GetFleetSettingsEntry : MatrixEntry<GetFleetSettings>
{
    public override string Requirement => Perm.FleetRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetFleetSettings>().HandleAsync(999_999);
}

public sealed class ListFleetTypesEntry : MatrixEntry<ListFleetTypes>
{
    public override string Requirement => Perm.FleetRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListFleetTypes>().HandleAsync();
}

public sealed class SetFleetTypeEntry : MatrixEntry<SetFleetType>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetFleetType>().HandleAsync(999_999, null);
}

public sealed class SetFleetLocationEntry : MatrixEntry<SetFleetLocation>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetFleetLocation>().HandleAsync(999_999, null);
}

public sealed class SetFleetDepartmentCodeEntry : MatrixEntry<SetFleetDepartmentCode>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetFleetDepartmentCode>().HandleAsync(999_999, null);
}

public sealed class CreateDepartmentCodeEntry : MatrixEntry<CreateDepartmentCode>
{
    public override string Requirement => Perm.FleetDepartmentCodeCreate;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateDepartmentCode>().HandleAsync("", null);
}

public sealed class DeleteDepartmentCodeEntry : MatrixEntry<DeleteDepartmentCode>
{
    public override string Requirement => Perm.FleetDepartmentCodeDelete;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteDepartmentCode>().HandleAsync(999_999);
}

public sealed class ListDepartmentCodesEntry : MatrixEntry<ListDepartmentCodes>
{
    public override string Requirement => SignedIn;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListDepartmentCodes>().HandleAsync();
}
