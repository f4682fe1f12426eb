using Arc.Domain.Intake;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>The intake page's reads: for those who watch the data path.</summary>
public sealed class GetIntakeOverviewEntry : MatrixEntry<GetIntakeOverview>
{
    public override string Requirement => Perm.IntakeRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetIntakeOverview>().HandleAsync();
}

public sealed class ListIntakeVehiclesEntry : MatrixEntry<ListIntakeVehicles>
{
    public override string Requirement => Perm.IntakeRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListIntakeVehicles>().HandleAsync(new IntakeVehicleQuery());
}

public sealed class ListIntakeRefusalsEntry : MatrixEntry<ListIntakeRefusals>
{
    public override string Requirement => Perm.IntakeRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListIntakeRefusals>().HandleAsync(new IntakeRefusalQuery());
}

public sealed class ListDeadLettersEntry : MatrixEntry<ListDeadLetters>
{
    public override string Requirement => Perm.IntakeRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListDeadLetters>().HandleAsync(new DeadLetterQuery());
}

/// <summary>Re-driving and discarding act on the data path; a dead letter that does not exist is found missing after the check.</summary>
public sealed class RedriveDeadLetterEntry : MatrixEntry<RedriveDeadLetter>
{
    public override string Requirement => Perm.IntakeRedrive;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RedriveDeadLetter>().HandleAsync(999_999_999);
}

public sealed class DiscardDeadLetterEntry : MatrixEntry<DiscardDeadLetter>
{
    public override string Requirement => Perm.IntakeRedrive;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DiscardDeadLetter>().HandleAsync(999_999_999);
}
