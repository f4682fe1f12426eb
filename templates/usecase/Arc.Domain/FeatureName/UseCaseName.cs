using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.FeatureName;

/// <summary>What this use case does and for whom (Perm.PermissionName). One class, one operation: its HandleAsync.</summary>
public sealed class UseCaseName(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task HandleAsync(long id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.PermissionName, ct);
        await using var data = dataFactory.Open();
        // The use case goes here: load what it reads or changes (a missing one is a NotFoundException), check the input
        // (ValidationFailedException), change, record the audit event with the change as `username`, save once.
        throw new NotFoundException("UseCaseName", id.ToString(CultureInfo.InvariantCulture));
    }
}
