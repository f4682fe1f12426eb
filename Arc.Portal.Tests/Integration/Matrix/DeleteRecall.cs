using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>DeleteRecall's row of the authorization matrix; the input is refused after the check (unknown recall or blank fields).</summary>
public sealed class DeleteRecallEntry : MatrixEntry<DeleteRecall>
{
    public override string Requirement => Perm.RecallDelete;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteRecall>().HandleAsync(999_999);
}
