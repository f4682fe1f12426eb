using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.InsurerExports;

/// <summary>
/// Produces the insurer export of a month that has ended, now, in the background (fleets.yrisk.run). A month has one
/// export: asking again for a month that is queued or running changes nothing; for a finished or failed one it produces
/// the month again into the same row and the same file.
/// </summary>
public sealed class RunInsurerExport(ICurrentUser user, InsurerExportQueue queue, TimeProvider time) : IUseCase
{
    public async Task<InsurerExportView> HandleAsync(string? month, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.InsurerExportRun, ct);
        var period = ExportMonth.Parse(month, time.GetUtcNow());
        return InsurerExportView.Of(await queue.QueueAsync(period, username, ct));
    }
}
