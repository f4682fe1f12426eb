using Arc.Domain.Firmware;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Firmware;
using Arc.Portal.Components.Models;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Components;

/// <summary>The catalogue pages and the firmware components: what each permission shows, and refusals shown where they belong.</summary>
public sealed class CatalogueAndFirmwareComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<string> VehicleOfReleaseAsync(int releaseId)
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using var db = portal.CreateDb();
        (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = releaseId;
        await db.SaveChangesAsync();
        return vin;
    }

    [Fact]
    public async Task The_models_page_lists_the_models_and_offers_no_form_without_model_write()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<ModelsPage>();
        cut.WaitForAssertion(() => Assert.Contains("Deliverator", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=add-model]"));
    }

    [Fact]
    public async Task A_model_name_taken_already_is_shown_under_the_name_field()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.ModelWrite);
        var cut = ctx.RenderWithProviders<ModelsPage>();
        cut.WaitForAssertion(() => Assert.Contains("Roadster", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        cut.Find("#new-model-name").Change("roadster");
        cut.Find("#new-model-letter").Change("9");
        cut.Find("form#new-model-form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("roadster\u0027 exists already", System.Net.WebUtility.HtmlDecode(cut.Markup), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_malformed_manifest_lists_every_problem_and_records_nothing()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FirmwareReleaseRead, Perm.FirmwareReleaseRefresh);
        var cut = ctx.RenderWithProviders<FirmwareUploadPanel>();
        var manifest = """{"firmware": {"a": {"hash": "zzz", "date": "2025-01-01T00:00:00Z", "name": "VCU Firmware"}, "<b>x</b>": {"hash": "abcdef0", "date": "soon", "name": "Nope"}}}""";
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(manifest, "bad-release.json"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=manifest-record]").HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        cut.Find("form").Submit();
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("bad-release.json was not accepted:", cut.Find("[data-testid=manifest-error]").TextContent, StringComparison.Ordinal);
            Assert.Equal(3, cut.FindAll("[data-testid=manifest-problems] li").Count);
        }, TimeSpan.FromSeconds(10));
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_firmware_tab_shows_the_variant_and_offers_marking_only_with_firmware_write()
    {
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<RecordFirmwareRelease>().HandleAsync("r.json", FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddDays(-1)));
        var vin = await VehicleOfReleaseAsync(3);

        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.FirmwareVehicleRead))
        {
            var cut = reader.RenderWithProviders<VehicleFirmwareTab>(p => p.Add(t => t.Vin, vin));
            cut.WaitForAssertion(() => Assert.Equal("Unknown", cut.Find("[data-testid=firmware-overall]").TextContent.Trim()), TimeSpan.FromSeconds(10));
            Assert.Contains("(004280 Comm Firmware)", cut.Markup, StringComparison.Ordinal);
            Assert.Empty(cut.FindAll("[data-testid=firmware-mark]"));
            Assert.Empty(cut.FindAll("[data-testid=firmware-mark-all]"));
        }
        await using var writer = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.FirmwareVehicleRead, Perm.FirmwareVehicleWrite);
        var tab = writer.RenderWithProviders<VehicleFirmwareTab>(p => p.Add(t => t.Vin, vin));
        tab.WaitForAssertion(() => Assert.NotEmpty(tab.FindAll("[data-testid=firmware-mark]")), TimeSpan.FromSeconds(10));
        Assert.Single(tab.FindAll("[data-testid=firmware-mark-all]"));
    }

    [Fact]
    public async Task The_parts_tab_offers_release_and_part_actions_only_with_vehicle_write()
    {
        var vin = await VehicleOfReleaseAsync(1);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<VehiclePartsTab>(p => p.Add(t => t.Vin, vin).Add(t => t.ModelReleaseId, 1).Add(t => t.Parts, []));
        Assert.Contains("Vehicle pre-registered: no parts marked installed.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=set-model-release]"));
    }

    [Fact]
    public async Task The_quality_tab_hides_the_form_without_the_inspect_permission_and_records_with_it()
    {
        var vin = await VehicleOfReleaseAsync(2);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.VehicleInspect);
        var cut = ctx.RenderWithProviders<VehicleQualityTab>(p => p.Add(t => t.Vin, vin));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=no-inspections]")), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=quality-record]").Click();
        cut.WaitForAssertion(() => Assert.Contains("say in the remarks why", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        cut.Find("#quality-remarks").Change("Firmware flashed at the end of the line");
        cut.Find("[data-testid=quality-record]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=quality-table] tbody tr")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Setting_a_release_part_is_offered_with_model_write_only_and_a_number_it_lists_already_is_refused_on_the_field()
    {
        var wait = TimeSpan.FromSeconds(10);
        string lv;
        await using (var db = portal.CreateDb())
            lv = await db.ModelPartSet.Where(p => p.ModelReleaseId == 3 && p.PartType == "LV").Select(p => p.PartNumber).SingleAsync();
        static AngleSharp.Dom.IElement RowOf(IRenderedComponent<ModelReleasesPage> page, int id) =>
            page.FindAll("[data-testid=release-table] tbody tr").First(r => r.QuerySelector("td")?.TextContent.Trim() == id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.VehicleRead))
        {
            var page = reader.RenderWithProviders<ModelReleasesPage>();
            page.WaitForAssertion(() => RowOf(page, 3), wait);
            await page.InvokeAsync(() => RowOf(page, 3).Click());
            page.WaitForAssertion(() => page.Find("[data-testid=release-parts]"), wait);
            Assert.Empty(page.FindAll("[data-testid=release-set-part]"));
        }

        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.ModelWrite);
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        ctx.Render<MudBlazor.MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<ModelReleasesPage>();
        cut.WaitForAssertion(() => RowOf(cut, 3), wait);
        await cut.InvokeAsync(() => RowOf(cut, 3).Click());
        cut.WaitForAssertion(() => cut.Find("[data-testid=release-set-part]"), wait);
        await cut.InvokeAsync(() => cut.Find("[data-testid=release-set-part]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=release-part-save]"), wait);
        Task Choose(string testId, string value) => dialogs.InvokeAsync(() => dialogs.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId)).Instance.ValueChanged.InvokeAsync(value));
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindComponents<MudBlazor.MudSelectItem<string>>(), i => i.Instance.Value == "LV"), wait);
        await Choose("release-part-type", "LV");
        await Choose("release-part-number", lv);
        Assert.Contains($"The release lists {lv} now", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=release-part-save]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains($"Release 3 lists {lv} for LV already.", dialogs.Markup, StringComparison.Ordinal), wait);
        await using var check = portal.CreateDb();
        Assert.Equal(lv, await check.ModelPartSet.Where(p => p.ModelReleaseId == 3 && p.PartType == "LV").Select(p => p.PartNumber).SingleAsync());
    }
}
