using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>GetRecall's row of the authorization matrix; the input is refused after the check (unknown recall or blank fields).</summary>
public sealed class GetRecallEntry : MatrixEntry<GetRecall>
{
    public override string Requirement => Perm.RecallRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetRecall>().HandleAsync(999_999);
}
