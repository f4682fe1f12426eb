using Arc.Domain.Common;
using Arc.Domain.Models;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>"Part Set" on a model release (issue 18 item 1): one number of its bill changed, within the catalogue, never to another release's bill.</summary>
public sealed class ReleasePartTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await work(scope.ServiceProvider);
    }

    private Task<ReleasePartSet> SetAsync(int release, string? type, string? number) =>
        AsAdminAsync(sp => sp.GetRequiredService<SetModelReleasePart>().HandleAsync(release, type, number));

    private async Task<string> NewLvPartAsync()
    {
        var number = "T" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await AsAdminAsync(sp => sp.GetRequiredService<CreatePart>().HandleAsync(new NewPart("LV", number, "A test LV part")));
    }

    [Fact]
    public async Task A_part_is_set_from_the_catalogue_and_never_to_a_bill_another_release_of_the_model_has()
    {
        var used = await AsAdminAsync(async sp => (await sp.GetRequiredService<ListModels>().HandleAsync()).Select(m => m.LetterCode).ToList());
        var letter = "AGHJKLMNPSUVWXYZ0123456789".First(c => !used.Contains(c.ToString())).ToString();
        var model = await AsAdminAsync(sp => sp.GetRequiredService<CreateModel>().HandleAsync(new NewModel($"Parts {Guid.NewGuid():N}"[..18], letter, null)));
        Dictionary<string, string?> bill;
        await using (var db = portal.CreateDb())
            bill = await db.ModelPartSet.Where(p => p.ModelReleaseId == 3 && db.Set<PartType>().Any(t => t.Name == p.PartType && t.Current))
                .ToDictionaryAsync(p => p.PartType, p => (string?)p.PartNumber);
        var original = bill["LV"]!;
        var other = await NewLvPartAsync();
        var a = await AsAdminAsync(sp => sp.GetRequiredService<CreateModelRelease>().HandleAsync(new NewModelRelease(model, "Release A: the first", bill)));
        var b = await AsAdminAsync(sp => sp.GetRequiredService<CreateModelRelease>().HandleAsync(new NewModelRelease(model, "Release B: another LV", new Dictionary<string, string?>(bill) { ["LV"] = other })));
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using (var db = portal.CreateDb())
        {
            (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = a;
            await db.SaveChangesAsync();
        }

        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => SetAsync(a, "LV", other));
        Assert.Contains($"release {b}", duplicate.Errors["partNumber"].Single(), StringComparison.Ordinal);
        Assert.Contains("already", (await Assert.ThrowsAsync<ValidationFailedException>(() => SetAsync(a, "LV", original))).Message, StringComparison.Ordinal);
        Assert.Equal("partType", (await Assert.ThrowsAsync<ValidationFailedException>(() => SetAsync(a, "Flux capacitor", original))).Errors.Keys.Single());
        Assert.Equal("partNumber", (await Assert.ThrowsAsync<ValidationFailedException>(() => SetAsync(a, "LV", "NO-SUCH-PART"))).Errors.Keys.Single());
        Assert.Equal("partNumber", (await Assert.ThrowsAsync<ValidationFailedException>(() => SetAsync(a, "LV", "  "))).Errors.Keys.Single());
        Assert.Equal("partNumber", (await Assert.ThrowsAsync<ValidationFailedException>(() => SetAsync(a, "LV", "=HYPERLINK(\"x\")"))).Errors.Keys.Single());
        await Assert.ThrowsAsync<NotFoundException>(() => SetAsync(987_654, "LV", original));

        var third = await NewLvPartAsync();
        var set = await SetAsync(a, "LV", third);
        Assert.Equal(new ReleasePartSet(a, "LV", third, original, 1), set);
        await using var check = portal.CreateDb();
        Assert.Equal(third, await check.ModelPartSet.Where(p => p.ModelReleaseId == a && p.PartType == "LV").Select(p => p.PartNumber).SingleAsync());
        Assert.Equal(other, await check.ModelPartSet.Where(p => p.ModelReleaseId == b && p.PartType == "LV").Select(p => p.PartNumber).SingleAsync());
        var audit = await check.AuditSet.SingleAsync(e => e.Action == CatalogueAuditActions.ReleasePartSet && e.EntityId == a.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(original, audit.Summary, StringComparison.Ordinal);
        Assert.Contains(third, audit.Summary, StringComparison.Ordinal);
    }
}
