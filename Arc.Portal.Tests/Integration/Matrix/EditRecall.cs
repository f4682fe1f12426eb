using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>EditRecall's row of the authorization matrix; the input is refused after the check (unknown recall or blank fields).</summary>
public sealed class EditRecallEntry : MatrixEntry<EditRecall>
{
    public override string Requirement => Perm.RecallEdit;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<EditRecall>().HandleAsync(999_999, new RecallDraft("t", "d", "23V862000"));
}
