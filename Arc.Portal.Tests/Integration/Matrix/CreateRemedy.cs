using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>CreateRemedy's row of the authorization matrix; the input is refused after the check (unknown recall or blank fields).</summary>
public sealed class CreateRemedyEntry : MatrixEntry<CreateRemedy>
{
    public override string Requirement => Perm.RecallCreate + "&" + Perm.RecallEdit;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateRemedy>().HandleAsync(999_999, "Replace the part", RemedyType.DealerRepair);
}
