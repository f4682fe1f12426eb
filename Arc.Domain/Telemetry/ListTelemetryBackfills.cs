using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>A vehicle's ten latest backfills, newest first (telemetry.backfill.engineering).</summary>
public sealed class ListTelemetryBackfills(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<BackfillView>> HandleAsync(string vinText, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TelemetryBackfill, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        return (await data.ListAsync(data.TelemetryBackfills.Where(b => b.Vin == vin).OrderByDescending(b => b.Id).Take(10), ct))
            .Select(BackfillView.Of).ToList();
    }
}
