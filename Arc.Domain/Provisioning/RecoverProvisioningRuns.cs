using Arc.Domain.Common;
using Arc.Domain.Provisioning.Steps;
using Arc.Domain.Sagas;

namespace Arc.Domain.Provisioning;

/// <summary>
/// Finds provisioning runs whose process died (their lease ran out) and rolls them back from their stored step states.
/// They are never resumed: the new certificate's private key existed only in the dead process's memory, so a finished
/// run would leave a vehicle nobody can give its identity file to.
/// </summary>
public sealed class RecoverProvisioningRuns(IArcDataFactory dataFactory, SagaRunner runner, ProvisioningSaga saga, TimeProvider time)
{
    /// <returns>The runs this call rolled back.</returns>
    public async Task<IReadOnlyList<long>> RunOnceAsync(CancellationToken ct)
    {
        List<(long Id, string Vin, string Actor)> stale;
        await using (var data = dataFactory.Open())
        {
            var now = time.GetUtcNow();
            stale = (await data.ListAsync(data.ProvisioningRuns
                    .Where(r => (r.Status == RunStatus.Running || r.Status == RunStatus.Compensating) && r.LeaseUntil < now)
                    .OrderBy(r => r.Id).Select(r => new { r.Id, r.Vin, r.Actor }).Take(20), ct))
                .Select(r => (r.Id, r.Vin, r.Actor)).ToList();
        }
        var recovered = new List<long>();
        foreach (var (id, vin, actor) in stale)
        {
            if (!await runner.ClaimInterruptedAsync(id, ct))
                continue;
            await runner.CompensateAsync(id, new ProvisioningContext { Vin = vin, Actor = actor }, saga, null, ct);
            recovered.Add(id);
        }
        return recovered;
    }
}
