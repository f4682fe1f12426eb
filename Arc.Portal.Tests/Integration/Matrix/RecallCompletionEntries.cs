using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

// The rows of the population query and completion use cases: each input is refused after the check (no criteria, an
// unknown recall, a quarter that does not exist).

public sealed class PreviewRecallPopulationEntry : MatrixEntry<PreviewRecallPopulation>
{
    public override string Requirement => Perm.RecallVehicleAdd;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<PreviewRecallPopulation>().HandleAsync(999_999, new RecallPopulationQuery());
}

public sealed class AddRecallPopulationEntry : MatrixEntry<AddRecallPopulation>
{
    public override string Requirement => Perm.RecallVehicleAdd;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AddRecallPopulation>().HandleAsync(999_999, null);
}

public sealed class GetRecallCompletionEntry : MatrixEntry<GetRecallCompletion>
{
    public override string Requirement => Perm.RecallVehicleRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetRecallCompletion>().HandleAsync(999_999);
}

public sealed class GenerateRecallQuarterReportEntry : MatrixEntry<GenerateRecallQuarterReport>
{
    public override string Requirement => Perm.RecallEdit;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GenerateRecallQuarterReport>().HandleAsync(999_999, 2026, 5);
}

public sealed class SignOffRecallQuarterReportEntry : MatrixEntry<SignOffRecallQuarterReport>
{
    public override string Requirement => Perm.RecallReportSignOff;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SignOffRecallQuarterReport>().HandleAsync(999_999, 2026, 1);
}

public sealed class ExportRecallQuarterReportsEntry : MatrixEntry<ExportRecallQuarterReports>
{
    public override string Requirement => Perm.RecallVehicleRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ExportRecallQuarterReports>().HandleAsync(999_999);
}
