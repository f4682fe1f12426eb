using Arc.Domain.FeatureName;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>UseCaseName's row of the authorization matrix.</summary>
public sealed class UseCaseNameEntry : MatrixEntry<UseCaseName>
{
    public override string Requirement => Perm.PermissionName;

    // An id that does not exist: refused after the permission check, so the matrix changes nothing.
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<UseCaseName>().HandleAsync(987_654_321);
}
