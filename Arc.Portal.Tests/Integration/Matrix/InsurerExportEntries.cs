using Arc.Domain.InsurerExports;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// The insurer export: reading and downloading need fleets.yrisk.read, producing a month fleets.yrisk.run. A malformed
/// month and an export that does not exist are refused after the check, so the matrix produces nothing.
/// </summary>
public sealed class ListInsurerExportsEntry : MatrixEntry<ListInsurerExports>
{
    public override string Requirement => Perm.InsurerExportRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListInsurerExports>().HandleAsync();
}

public sealed class RunInsurerExportEntry : MatrixEntry<RunInsurerExport>
{
    public override string Requirement => Perm.InsurerExportRun;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RunInsurerExport>().HandleAsync("2026-13");
}

public sealed class DownloadInsurerExportEntry : MatrixEntry<DownloadInsurerExport>
{
    public override string Requirement => Perm.InsurerExportRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DownloadInsurerExport>().HandleAsync(999_999_999);
}
