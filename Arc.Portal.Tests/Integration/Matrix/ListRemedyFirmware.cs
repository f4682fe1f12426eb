using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>ListRemedyFirmware's row of the authorization matrix: the releases a remedy may name, for those who edit remedies.</summary>
public sealed class ListRemedyFirmwareEntry : MatrixEntry<ListRemedyFirmware>
{
    public override string Requirement => Perm.RecallEdit;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListRemedyFirmware>().HandleAsync();
}
