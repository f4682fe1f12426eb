using Arc.Domain.Permissions;
using Arc.Domain.Rollouts;

namespace Arc.Portal.Tests.Integration.Matrix;

// The rows of the over-the-air campaign use cases. Changes get an input refused after the permission check (a draft
// without a name, a campaign that does not exist, an empty reason), so the matrix changes nothing.

internal static class MatrixCampaign
{
    public const int Missing = 999_999_999;
}

public sealed class CreateCampaignEntry : MatrixEntry<CreateCampaign>
{
    public override string Requirement => Perm.CampaignWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateCampaign>()
        .HandleAsync(new CampaignDraft("", [1], new CampaignPopulation(PopulationKind.Fleet, 1), [new WaveDraft(100)]));
}

public sealed class StartCampaignEntry : MatrixEntry<StartCampaign>
{
    public override string Requirement => Perm.CampaignWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<StartCampaign>().HandleAsync(MatrixCampaign.Missing);
}

public sealed class PauseCampaignEntry : MatrixEntry<PauseCampaign>
{
    public override string Requirement => Perm.CampaignWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<PauseCampaign>().HandleAsync(MatrixCampaign.Missing, "");
}

public sealed class ResumeCampaignEntry : MatrixEntry<ResumeCampaign>
{
    public override string Requirement => Perm.CampaignWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ResumeCampaign>().HandleAsync(MatrixCampaign.Missing);
}

public sealed class AbortCampaignEntry : MatrixEntry<AbortCampaign>
{
    public override string Requirement => Perm.CampaignWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AbortCampaign>().HandleAsync(MatrixCampaign.Missing, "");
}

public sealed class RetryCampaignVehiclesEntry : MatrixEntry<RetryCampaignVehicles>
{
    public override string Requirement => Perm.CampaignWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RetryCampaignVehicles>().HandleAsync(MatrixCampaign.Missing);
}

public sealed class RollBackCampaignEntry : MatrixEntry<RollBackCampaign>
{
    public override string Requirement => Perm.CampaignWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RollBackCampaign>().HandleAsync(MatrixCampaign.Missing);
}

public sealed class ListCampaignsEntry : MatrixEntry<ListCampaigns>
{
    public override string Requirement => Perm.CampaignRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListCampaigns>().HandleAsync(new CampaignQuery(PageSize: 0));
}

public sealed class GetCampaignEntry : MatrixEntry<GetCampaign>
{
    public override string Requirement => Perm.CampaignRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetCampaign>().HandleAsync(MatrixCampaign.Missing);
}

public sealed class ListCampaignVehiclesEntry : MatrixEntry<ListCampaignVehicles>
{
    public override string Requirement => Perm.CampaignRead;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<ListCampaignVehicles>().HandleAsync(new CampaignVehicleQuery(MatrixCampaign.Missing, PageSize: 0));
}
