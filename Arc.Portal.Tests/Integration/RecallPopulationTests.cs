using Arc.Domain.Common;
using Arc.Domain.Models;
using Arc.Domain.Recalls;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Adding a recall's vehicles by a population query on the real database: previewed, added once, audited, noted, in history.</summary>
public sealed class RecallPopulationTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    /// <summary>A release of its own with vehicles provisioned on the given days, so other tests' vehicles never match.</summary>
    private async Task<(int ModelId, int ReleaseId, List<string> Vins)> ReleaseWithVehiclesAsync(params string[] provisioned)
    {
        await using var db = portal.CreateDb();
        var model = await db.Set<VehicleModel>().OrderBy(m => m.Id).FirstAsync();
        var release = new ModelRelease { Description = $"Population test {Guid.NewGuid():N}"[..40], ModelId = model.Id, Created = DateTimeOffset.UtcNow };
        db.Set<ModelRelease>().Add(release);
        await db.SaveChangesAsync();
        var vins = provisioned.Select(_ => RecallTestData.NewVin()).ToList();
        db.VehicleSet.AddRange(vins.Select((v, i) => new Vehicle
        {
            Vin = v, ModelReleaseId = release.ModelReleaseId, Created = DateTimeOffset.Parse(provisioned[i], System.Globalization.CultureInfo.InvariantCulture),
        }));
        await db.SaveChangesAsync();
        return (model.Id, release.ModelReleaseId, vins);
    }

    [Fact]
    public async Task A_query_is_previewed_then_added_once_with_notes_an_audit_event_naming_the_query_and_a_history_step_each()
    {
        var recall = await AsAdminAsync(sp => sp.GetRequiredService<CreateRecall>().HandleAsync(RecallTestData.DoNotDriveDraft()));
        var (modelId, releaseId, vins) = await ReleaseWithVehiclesAsync("2026-03-01T00:00:00Z", "2026-03-15T23:59:59Z", "2026-03-16T00:00:00Z", "2026-04-01T12:00:00Z");
        await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(recall, vins[1]));
        var query = new RecallPopulationQuery(modelId, releaseId, 2025, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 16));

        var plan = await AsAdminAsync(sp => sp.GetRequiredService<PreviewRecallPopulation>().HandleAsync(recall, query));
        Assert.Equal((2, 1), (plan.Count, plan.AlreadyInRecall));
        Assert.Equal(new[] { vins[0], vins[2] }.Order(StringComparer.Ordinal), plan.FirstVins);

        var added = await AsAdminAsync(sp => sp.GetRequiredService<AddRecallPopulation>().HandleAsync(recall, query));
        Assert.Equal(2, added);
        await using var db = portal.CreateDb();
        Assert.Equal(new[] { vins[0], vins[1], vins[2] }.Order(StringComparer.Ordinal),
            await db.Set<RecallVehicle>().Where(v => v.RecallId == recall).Select(v => v.Vin).OrderBy(v => v).ToListAsync());
        Assert.Equal(3, await db.Set<RecallVehicleEvent>().CountAsync(e => e.RecallId == recall && e.State == RecallVehicleState.Open));
        Assert.Equal(1, await db.NoteSet.CountAsync(n => n.ObjectId == vins[2] && n.Content.StartsWith("Vehicle added to recall")));
        var audit = await db.AuditSet.Where(a => a.EntityId == recall.ToString() && a.Action == RecallVehicleAuditActions.Added).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Contains(vins[2], audit.Summary, StringComparison.Ordinal);
        Assert.Contains("population", audit.Summary, StringComparison.Ordinal);

        // Run again: everything matching is in the recall, so nothing is added and nothing changes.
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddRecallPopulation>().HandleAsync(recall, query)));
        Assert.Contains("nothing was added", again.Message, StringComparison.Ordinal);
        Assert.Equal(3, await db.Set<RecallVehicle>().CountAsync(v => v.RecallId == recall));
    }

    [Fact]
    public async Task Each_criterion_narrows_the_population_and_bad_criteria_are_refused_with_nothing_changed()
    {
        var recall = await AsAdminAsync(sp => sp.GetRequiredService<CreateRecall>().HandleAsync(RecallTestData.DoNotDriveDraft()));
        var (modelId, releaseId, vins) = await ReleaseWithVehiclesAsync("2026-05-01T10:00:00Z", "2026-05-02T10:00:00Z");
        Task<RecallPopulationPlan> Preview(RecallPopulationQuery q) => AsAdminAsync(sp => sp.GetRequiredService<PreviewRecallPopulation>().HandleAsync(recall, q));

        Assert.Equal(2, (await Preview(new RecallPopulationQuery(ModelReleaseId: releaseId))).Count);
        Assert.Equal([vins[1]], (await Preview(new RecallPopulationQuery(ModelReleaseId: releaseId, ProvisionedFrom: new DateOnly(2026, 5, 2)))).FirstVins);
        Assert.Equal([vins[0]], (await Preview(new RecallPopulationQuery(ModelReleaseId: releaseId, ProvisionedTo: new DateOnly(2026, 5, 1)))).FirstVins);
        Assert.Equal(0, (await Preview(new RecallPopulationQuery(ModelReleaseId: releaseId, ModelYear: 2024))).Count);
        Assert.True((await Preview(new RecallPopulationQuery(ModelId: modelId, ModelYear: 2025))).Count >= 2);

        await using var db = portal.CreateDb();
        var otherModel = await db.Set<VehicleModel>().Where(m => m.Id != modelId).Select(m => (int?)m.Id).FirstOrDefaultAsync();
        var refusals = new List<RecallPopulationQuery>
        {
            new(), new(ProvisionedFrom: new DateOnly(2026, 5, 3), ProvisionedTo: new DateOnly(2026, 5, 1)), new(ModelYear: 2090),
            new(ModelReleaseId: 987_654), new(ModelId: 987_654),
        };
        if (otherModel is { } other)
            refusals.Add(new RecallPopulationQuery(ModelId: other, ModelReleaseId: releaseId));
        foreach (var q in refusals)
        {
            await Assert.ThrowsAsync<ValidationFailedException>(() => Preview(q));
            await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddRecallPopulation>().HandleAsync(recall, q)));
        }
        Assert.Equal(0, await db.Set<RecallVehicle>().CountAsync(v => v.RecallId == recall));
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdminAsync(sp => sp.GetRequiredService<PreviewRecallPopulation>().HandleAsync(987_654, new(ModelReleaseId: releaseId))));
    }
}
