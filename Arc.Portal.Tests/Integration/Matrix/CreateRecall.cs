using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>CreateRecall's row of the authorization matrix; the input is refused after the check (unknown recall or blank fields).</summary>
public sealed class CreateRecallEntry : MatrixEntry<CreateRecall>
{
    public override string Requirement => Perm.RecallCreate;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateRecall>().HandleAsync(new RecallDraft("", null, null));
}
