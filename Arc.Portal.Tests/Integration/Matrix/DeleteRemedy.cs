using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>DeleteRemedy's row of the authorization matrix; the input is refused after the check (unknown recall or blank fields).</summary>
public sealed class DeleteRemedyEntry : MatrixEntry<DeleteRemedy>
{
    public override string Requirement => Perm.RecallEdit + "&" + Perm.RecallDelete;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteRemedy>().HandleAsync(999_999);
}
