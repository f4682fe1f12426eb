using Arc.Domain.Common;
using Arc.Domain.Models;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Models, releases and parts on PostgreSQL, and a vehicle's release, parts and quality inspections with their notes and audit.</summary>
public sealed class CatalogueTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await work(scope.ServiceProvider);
    }

    private static char FreeLetter(IEnumerable<string> used) => "AGHJKLMNPSUVWXYZ0123456789".First(c => !used.Contains(c.ToString()));

    private async Task<int> NewModelAsync()
    {
        var used = await AsAdminAsync(async sp => (await sp.GetRequiredService<ListModels>().HandleAsync()).Select(m => m.LetterCode).ToList());
        return await AsAdminAsync(sp => sp.GetRequiredService<CreateModel>().HandleAsync(new NewModel($"Test {Guid.NewGuid():N}"[..18], FreeLetter(used).ToString(), "Test model")));
    }

    private async Task<Dictionary<string, string?>> BillOfReleaseAsync(int releaseId)
    {
        await using var db = portal.CreateDb();
        return await db.ModelPartSet.Where(p => p.ModelReleaseId == releaseId && db.Set<PartType>().Any(t => t.Name == p.PartType && t.Current))
            .ToDictionaryAsync(p => p.PartType, p => (string?)p.PartNumber);
    }

    [Fact]
    public async Task A_release_lists_every_current_part_type_and_the_same_bill_for_the_same_model_is_refused()
    {
        var model = await NewModelAsync();
        var bill = await BillOfReleaseAsync(3);
        Assert.Equal(13, bill.Count);
        var id = await AsAdminAsync(sp => sp.GetRequiredService<CreateModelRelease>().HandleAsync(new NewModelRelease(model, "Test: KERS Sensor", bill)));

        var releases = await AsAdminAsync(sp => sp.GetRequiredService<ListModelReleases>().HandleAsync(model));
        var created = Assert.Single(releases);
        Assert.Equal(id, created.ModelReleaseId);
        Assert.Equal(13, created.Parts.Count);

        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<CreateModelRelease>().HandleAsync(new NewModelRelease(model, "Same parts, other words", bill))));
        Assert.Contains($"match an existing release of this model (release {id})", duplicate.Message, StringComparison.Ordinal);

        var missing = new Dictionary<string, string?>(bill);
        missing.Remove("LV");
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<CreateModelRelease>().HandleAsync(new NewModelRelease(model, "Missing the LV part", missing))));
        Assert.Contains(refused.Errors["parts"], p => p.StartsWith("LV:", StringComparison.Ordinal));
        Assert.Single(await AsAdminAsync(sp => sp.GetRequiredService<ListModelReleases>().HandleAsync(model)));

        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == CatalogueAuditActions.ReleaseCreated && a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task Duplicate_model_names_letters_part_types_and_parts_are_refused_whatever_the_case()
    {
        var models = await AsAdminAsync(sp => sp.GetRequiredService<ListModels>().HandleAsync());
        var name = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<CreateModel>().HandleAsync(new NewModel("fuv", FreeLetter(models.Select(m => m.LetterCode)).ToString(), null))));
        Assert.Equal("modelName", name.Errors.Keys.Single());
        var letter = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<CreateModel>().HandleAsync(new NewModel("Another Model", "t", null))));
        Assert.Contains("FUV", letter.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<CreatePartType>().HandleAsync("kers sensor")));
        var number = $"T{Random.Shared.Next(10000, 99999)}";
        await AsAdminAsync(sp => sp.GetRequiredService<CreatePart>().HandleAsync(new NewPart("BMS", number, "Test pack")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<CreatePart>().HandleAsync(new NewPart("BMS", number.ToLowerInvariant(), null))));
        var catalogue = await AsAdminAsync(sp => sp.GetRequiredService<ListPartCatalogue>().HandleAsync());
        Assert.Single(catalogue.Parts, p => p.PartNumber == number);
        Assert.False(Assert.Single(catalogue.Types, t => t.Name == "Inverters (legacy)").Current);
    }

    [Fact]
    public async Task A_vehicle_gets_another_release_of_its_model_and_only_parts_its_release_lists_with_the_old_notes()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using (var db = portal.CreateDb())
        {
            (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = 1;
            await db.SaveChangesAsync();
        }
        await AsAdminAsync(async sp => { await sp.GetRequiredService<SetVehicleModelRelease>().HandleAsync(vin, 3); return 0; });
        var otherModel = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(async sp => { await sp.GetRequiredService<SetVehicleModelRelease>().HandleAsync(vin, 4); return 0; }));
        Assert.Contains("own model", otherModel.Message, StringComparison.Ordinal);

        var outside = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<InstallVehiclePart>().HandleAsync(vin, "KERS Sensor", "001325")));
        Assert.Contains("is not the KERS Sensor part of model release 3, which lists 001412", outside.Message, StringComparison.Ordinal);
        var installed = await AsAdminAsync(sp => sp.GetRequiredService<InstallVehiclePart>().HandleAsync(vin, "KERS Sensor", "001412"));
        Assert.Equal("001412", installed.PartNumber);

        await using var check = portal.CreateDb();
        Assert.Equal(3, (await check.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId);
        Assert.Equal("001412", (await check.Set<VehiclePartInstalled>().SingleAsync(p => p.Vin == vin)).PartNumber);
        var notes = await check.NoteSet.Include(n => n.Tags).Where(n => n.ObjectId == vin).OrderBy(n => n.NoteId).ToListAsync();
        Assert.Equal(["Model Release set to 3", "Part Installed"], notes.Select(n => n.Content));
        Assert.All(notes, n => Assert.True(n.System && n.Tags.Single().TagName == "parts"));
        Assert.Equal(2, await check.AuditSet.CountAsync(a => a.EntityId == vin
            && (a.Action == CatalogueAuditActions.VehicleReleaseSet || a.Action == CatalogueAuditActions.VehiclePartInstalled)));
    }

    [Fact]
    public async Task A_quality_inspection_is_recorded_with_its_firmware_check_and_a_pass_with_firmware_behind_needs_remarks()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var inspector = await portal.CreateUserAsync($"inspector-{Guid.NewGuid():N}@arc.test", "quality");
        await using var scope = await portal.AsUserAsync(inspector);
        var record = scope.ServiceProvider.GetRequiredService<RecordQualityInspection>();
        var needsRemarks = await Assert.ThrowsAsync<ValidationFailedException>(() => record.HandleAsync(new QualityInspectionRequest(vin, true, null)));
        Assert.Equal("remarks", needsRemarks.Errors.Keys.Single());
        await Assert.ThrowsAsync<ValidationFailedException>(() => record.HandleAsync(new QualityInspectionRequest(vin, false, "bad\u202Etext")));
        await record.HandleAsync(new QualityInspectionRequest(vin, false, "Left mirror loose"));

        var listed = Assert.Single(await scope.ServiceProvider.GetRequiredService<ListQualityInspections>().HandleAsync(vin));
        Assert.False(listed.Passed);
        Assert.False(listed.FirmwareUpToDate);
        Assert.Equal(inspector, listed.Inspector);
        await using var db = portal.CreateDb();
        var note = await db.NoteSet.Include(n => n.Tags).SingleAsync(n => n.ObjectId == vin);
        Assert.Equal("Quality Inspection failed: Left mirror loose", note.Content);
        Assert.Equal("quality", note.Tags.Single().TagName);
    }
}
