using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>ListRecalls's row of the authorization matrix; the input is refused after the check (unknown recall or blank fields).</summary>
public sealed class ListRecallsEntry : MatrixEntry<ListRecalls>
{
    public override string Requirement => Perm.RecallRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListRecalls>().HandleAsync(new RecallQuery(new string('x', 101)));
}
