using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>GetBulkProvisioningTemplate's row of the authorization matrix: the bulk page's guide is for those who provision.</summary>
public sealed class GetBulkProvisioningTemplateEntry : MatrixEntry<GetBulkProvisioningTemplate>
{
    public override string Requirement => Perm.VehicleProvision;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetBulkProvisioningTemplate>().HandleAsync();
}
