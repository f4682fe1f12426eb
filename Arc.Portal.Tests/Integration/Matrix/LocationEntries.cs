using Arc.Domain.Locations;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// Locations: changes need the locations permissions, reads any signed-in user (decision 0031). Inputs are refused
/// after the check (a nameless location, a blank update, ids that do not exist), so the matrix changes nothing.
/// </summary>
public sealed class CreateLocationEntry : MatrixEntry<CreateLocation>
{
    public override string Requirement => Perm.LocationUpdate;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateLocation>().HandleAsync(new LocationDraft(""));
}

public sealed class UpdateLocationEntry : MatrixEntry<UpdateLocation>
{
    public override string Requirement => Perm.LocationUpdate;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<UpdateLocation>().HandleAsync(999_999, new LocationDraft(null));
}

public sealed class DeleteLocationEntry : MatrixEntry<DeleteLocation>
{
    public override string Requirement => Perm.LocationDelete;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteLocation>().HandleAsync(999_999);
}

public sealed class GetLocationEntry : MatrixEntry<GetLocation>
{
    public override string Requirement => SignedIn;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetLocation>().HandleAsync(999_999);
}

public sealed class ListLocationsEntry : MatrixEntry<ListLocations>
{
    public override string Requirement => SignedIn;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListLocations>().HandleAsync(new LocationQuery());
}

public sealed class ListCountriesEntry : MatrixEntry<ListCountries>
{
    public override string Requirement => SignedIn;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListCountries>().HandleAsync();
}

public sealed class ListAddressTypesEntry : MatrixEntry<ListAddressTypes>
{
    public override string Requirement => SignedIn;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListAddressTypes>().HandleAsync();
}

public sealed class CreateLocationCodeEntry : MatrixEntry<CreateLocationCode>
{
    public override string Requirement => Perm.LocationCodeCreate;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateLocationCode>().HandleAsync("");
}

public sealed class DeleteLocationCodeEntry : MatrixEntry<DeleteLocationCode>
{
    public override string Requirement => Perm.LocationCodeDelete;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteLocationCode>().HandleAsync(999_999);
}

public sealed class ListLocationCodesEntry : MatrixEntry<ListLocationCodes>
{
    public override string Requirement => SignedIn;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListLocationCodes>().HandleAsync();
}

public sealed class SetLocationCodeEntry : MatrixEntry<SetLocationCode>
{
    public override string Requirement => Perm.LocationUpdate;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetLocationCode>().HandleAsync(999_999, null);
}
