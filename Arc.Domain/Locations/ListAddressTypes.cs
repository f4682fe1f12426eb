using Arc.Domain.Common;

namespace Arc.Domain.Locations;

public sealed record AddressTypeView(int Id, string Name);

/// <summary>The address types (PO Box, Apartment, Building, Floor, Office, Suite), for any signed-in user.</summary>
public sealed class ListAddressTypes(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<AddressTypeView>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.AddressTypes.OrderBy(t => t.Id).Select(t => new AddressTypeView(t.Id, t.Name)), ct);
    }
}
