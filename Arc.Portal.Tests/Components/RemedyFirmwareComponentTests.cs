using Arc.Domain.Firmware;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Recalls;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The remedy firmware on the remedy panel (chosen, refused on its field, cleared for a dealer repair) and the
/// evidence of a remedy over the air on the recall's vehicles panel.</summary>
public sealed class RemedyFirmwareComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly string[] Everything = [Perm.RecallRead, Perm.RecallCreate, Perm.RecallEdit, Perm.RecallDelete, Perm.RecallVehicleRead];

    private async Task<string> ReleaseCommAsync()
    {
        var hashes = new Dictionary<string, string>();
        var manifest = FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddDays(-1), hashes, ["Comm Firmware"]);
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        await scope.ServiceProvider.GetRequiredService<RecordFirmwareRelease>().HandleAsync("release.json", manifest);
        return hashes["Comm Firmware"];
    }

    private async Task<RecallRemedy?> RemedyAsync(int id)
    {
        await using var db = portal.CreateDb();
        return await db.Set<RecallRemedy>().AsNoTracking().SingleOrDefaultAsync(m => m.RecallId == id);
    }

    private static Task ChooseAsync(IRenderedComponent<RecallPage> cut, string testId, string? value) =>
        cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId)).Instance.ValueChanged.InvokeAsync(value));

    [Fact]
    public async Task The_remedy_firmware_is_refused_on_its_field_until_a_version_is_chosen_and_a_dealer_repair_clears_it()
    {
        var hash = await ReleaseCommAsync();
        var (id, _) = await RecallTestData.CreateAsync(portal, "Remedy firmware form");
        await using var ctx = await ComponentHost.CreateAsync(portal, Everything);
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-remedy]"), Wait);
        await cut.InvokeAsync(() => cut.Find("[data-testid=add-remedy]").Click());
        cut.WaitForAssertion(() => cut.Find("[data-testid=remedy-firmware-component]"), Wait);
        Assert.Empty(cut.FindAll("[data-testid=remedy-firmware-choices-error]"));

        await ChooseAsync(cut, "remedy-firmware-component", "Comm Firmware");
        cut.Find("#remedy-description").Change("Update the brake controller.");
        cut.Find("[data-testid=remedy-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Choose the release of Comm Firmware", cut.Find("[data-testid=remedy-form]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(await RemedyAsync(id));

        await ChooseAsync(cut, "remedy-firmware-hash", hash);
        cut.Find("[data-testid=remedy-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains($"Comm Firmware {hash[..7]}", cut.Find("[data-testid=remedy-firmware-value]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(new RemedyFirmware("Comm Firmware", hash), (await RemedyAsync(id))!.Firmware);

        await cut.InvokeAsync(() => cut.Find("[data-testid=edit-remedy]").Click());
        cut.WaitForAssertion(() => cut.Find("[data-testid=remedy-type-DealerRepair]"), Wait);
        await cut.InvokeAsync(() => cut.Find("[data-testid=remedy-type-DealerRepair]").Click());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=remedy-firmware-component]")), Wait);
        cut.Find("[data-testid=remedy-form]").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Dealer repair", cut.Find("[data-testid=remedy-type-value]").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("[data-testid=remedy-firmware-value]"));
        var stored = await RemedyAsync(id);
        Assert.Equal((RemedyType.DealerRepair, null), (stored!.Type, stored.Firmware));
    }

    [Fact]
    public async Task The_vehicles_panel_shows_what_the_vehicle_reported_when_it_was_remedied_over_the_air()
    {
        var hash = await ReleaseCommAsync();
        var (id, _) = await RecallTestData.CreateAsync(portal, "Remedy firmware evidence");
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<CreateRemedy>().HandleAsync(id, "Update.", RemedyType.OverTheAir, new RemedyFirmware("Comm Firmware", hash));
        var vins = await RecallTestData.AddVehiclesAsync(portal, 2);
        await RecallTestData.AddToRecallAsync(portal, id, vins);
        await using (var scope = portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RecordOverTheAirRemedies>().HandleAsync(new FirmwareReport(vins[0],
                new Dictionary<string, string> { ["Comm Firmware"] = hash }, new DateTimeOffset(2026, 12, 3, 10, 2, 0, TimeSpan.Zero), FirmwareReportSource.Shadow));

        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead, Perm.RecallVehicleRead);
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=recall-vehicle-status]").Count), Wait);
        var evidence = Assert.Single(cut.FindAll("[data-testid=recall-vehicle-ota]"));
        Assert.Equal($"Remedied over the air: Comm Firmware {hash[..7]}, reported 2026-12-03 10:02 UTC (shadow)", evidence.TextContent.Trim());
        Assert.Contains("A vehicle reporting this version is marked remedied over the air.", cut.Find("[data-testid=remedy-firmware-value]").TextContent, StringComparison.Ordinal);
    }
}
