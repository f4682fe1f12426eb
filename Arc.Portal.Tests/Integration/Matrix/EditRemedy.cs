using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>EditRemedy's row of the authorization matrix; the input is refused after the check (unknown recall or blank fields).</summary>
public sealed class EditRemedyEntry : MatrixEntry<EditRemedy>
{
    public override string Requirement => Perm.RecallEdit;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<EditRemedy>().HandleAsync(999_999, "Replace the part", RemedyType.DealerRepair);
}
