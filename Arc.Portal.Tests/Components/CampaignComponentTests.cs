using Arc.Domain.Permissions;
using Arc.Domain.Rollouts;
using Arc.Portal.Components.Rollouts;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The campaign pages: who is offered what, refusals shown under their fields, the actions and what they leave.</summary>
public sealed class CampaignComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly string[] Writer = [Perm.CampaignRead, Perm.CampaignWrite, Perm.FirmwareReleaseRead, Perm.FleetRead, Perm.VehicleRead];

    private async Task<(int Id, string Name, int FleetId, int ReleaseId)> DraftAsync()
    {
        var data = new CampaignTestData(portal);
        var (releaseId, _) = await data.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, _) = await data.FleetAsync(4);
        var name = "Panel campaign " + Guid.NewGuid().ToString("N")[..6];
        var id = await data.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(new CampaignDraft(name, [releaseId],
            new CampaignPopulation(PopulationKind.Fleet, fleetId), [new WaveDraft(50, SoakMinutes: 0), new WaveDraft(100, SoakMinutes: 0)])));
        return (id, name, fleetId, releaseId);
    }

    private static IRenderedComponent<MudSelect<T>> Select<T>(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.FindComponents<MudSelect<T>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));

    /// <summary>Picks a value as the select's list would; opening MudBlazor's popover is the browser tests' part.</summary>
    private static Task ChooseAsync<T>(IRenderedComponent<MudDialogProvider> dialogs, string testId, T value) =>
        dialogs.InvokeAsync(() => Select<T>(dialogs, testId).Instance.ValueChanged.InvokeAsync(value));

    /// <summary>The wave share fields, wherever MudBlazor puts the test id (on the input or around it).</summary>
    private static IReadOnlyList<AngleSharp.Dom.IElement> WavePercents(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll("input[data-testid=campaign-wave-percent], [data-testid=campaign-wave-percent] input");

    [Fact]
    public async Task The_list_links_every_campaign_and_offers_a_new_one_only_to_who_may_write()
    {
        var (_, name, _, _) = await DraftAsync();
        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.CampaignRead))
        {
            reader.NavigateTo("firmware/campaigns?status=draft");
            var list = reader.RenderWithProviders<CampaignList>();
            list.WaitForAssertion(() => Assert.Contains(list.FindAll("[data-testid=campaign-table] tbody tr a"), a => a.TextContent == name), Wait);
            Assert.Empty(list.FindAll("[data-testid=new-campaign]"));
            Assert.Single(list.FindAll("[data-testid=export-csv]"));
        }
        await using var writer = await ComponentHost.CreateAsync(portal, Writer);
        writer.NavigateTo("firmware/campaigns?status=aborted&size=10");
        var cut = writer.RenderWithProviders<CampaignList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-campaign]"), Wait);
        cut.WaitForAssertion(() => Assert.DoesNotContain(cut.FindAll("[data-testid=campaign-table] tbody tr a"), a => a.TextContent == name), Wait);
    }

    [Fact]
    public async Task The_new_campaign_form_shows_each_refusal_under_its_field_and_creates_the_draft_once_it_is_right()
    {
        var data = new CampaignTestData(portal);
        var (releaseId, _) = await data.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, _) = await data.FleetAsync(3);
        await using var ctx = await ComponentHost.CreateAsync(portal, Writer);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<CampaignList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-campaign]"), Wait);
        await cut.InvokeAsync(() => cut.Find("[data-testid=new-campaign]").Click());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid='campaign-release-Display Firmware']")), Wait);
        await using var before = portal.CreateDb();
        var campaigns = await before.Set<Campaign>().CountAsync();

        async Task SubmitAsync(string expected, string where)
        {
            await dialogs.InvokeAsync(() => dialogs.Find("form#campaign-form").Submit());
            dialogs.WaitForAssertion(() => Assert.Contains(expected, dialogs.Find(where).TextContent, StringComparison.Ordinal), Wait);
        }

        await SubmitAsync("A campaign needs a name.", ".mud-dialog");
        Assert.Equal("true", dialogs.Find("#campaign-name").GetAttribute("aria-invalid"));
        await dialogs.InvokeAsync(() => dialogs.Find("#campaign-name").Change(new string('n', Campaign.MaxNameLength + 1)));
        await SubmitAsync($"at most {Campaign.MaxNameLength} characters", ".mud-dialog");
        var name = "Display update " + Guid.NewGuid().ToString("N")[..6];
        await dialogs.InvokeAsync(() => dialogs.Find("#campaign-name").Change(name));
        await SubmitAsync("Choose the firmware release of at least one component.", "[data-testid=campaign-releases-error]");
        await ChooseAsync<int?>(dialogs, "campaign-release-Display Firmware", releaseId);
        await SubmitAsync("Choose the population", "[data-testid=campaign-population-error]");
        await ChooseAsync<PopulationKind?>(dialogs, "campaign-population-kind", PopulationKind.Fleet);
        await ChooseAsync<int?>(dialogs, "campaign-population-id", fleetId);
        await dialogs.InvokeAsync(() => WavePercents(dialogs)[1].Change("0"));
        await SubmitAsync("a share of the population is 1 to 100 percent", "[data-testid=campaign-waves-error]");
        await using (var refused = portal.CreateDb())
            Assert.Equal(campaigns, await refused.Set<Campaign>().CountAsync());

        await dialogs.InvokeAsync(() => WavePercents(dialogs)[1].Change("20"));
        await dialogs.InvokeAsync(() => dialogs.Find("form#campaign-form").Submit());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("form#campaign-form")), Wait);
        await using var db = portal.CreateDb();
        var created = await db.Set<Campaign>().SingleAsync(c => c.Name == name);
        Assert.Equal((CampaignStatus.Draft, PopulationKind.Fleet, fleetId, 3), (created.Status, created.PopulationKind, created.PopulationId, created.PopulationCount));
        Assert.Equal([1, 20, 50, 100], await db.Set<CampaignWave>().Where(w => w.CampaignId == created.Id).OrderBy(w => w.Index).Select(w => w.Percent ?? 0).ToListAsync());
    }

    [Fact]
    public async Task A_reader_gets_no_actions_and_a_writer_starts_pauses_with_a_reason_and_aborts()
    {
        var (id, name, fleetId, _) = await DraftAsync();
        string fleetName;
        await using (var names = portal.CreateDb())
            fleetName = await names.FleetSet.Where(f => f.Id == fleetId).Select(f => f.Name).SingleAsync();
        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.CampaignRead))
        {
            var page = reader.RenderWithProviders<CampaignPage>(p => p.Add(c => c.Id, id));
            page.WaitForAssertion(() => Assert.Equal("Draft", page.Find("[data-testid=campaign-status]").TextContent.Trim()), Wait);
            Assert.Equal($"Fleet {fleetName}", page.Find("[data-testid=campaign-population]").TextContent.Trim());
            Assert.Empty(page.FindAll("[data-testid=campaign-start]"));
            Assert.Equal(2, page.FindAll("[data-testid=campaign-wave]").Count);
            Assert.Contains("No comparison yet", page.Find("[data-testid=campaign-health]").TextContent, StringComparison.Ordinal);
        }
        await using var ctx = await ComponentHost.CreateAsync(portal, Writer);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<CampaignPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=campaign-start]"), Wait);
        Assert.Contains(name, cut.Markup, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.Find("[data-testid=campaign-start]").Click());
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Start"), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Start").Click());
        cut.WaitForAssertion(() => Assert.Equal("Running", cut.Find("[data-testid=campaign-status]").TextContent.Trim()), Wait);
        Assert.Single(cut.FindAll("[data-testid=campaign-abort]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=campaign-pause]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=campaign-reason-confirm]"), Wait);
        Assert.True(dialogs.Find("[data-testid=campaign-reason-confirm]").HasAttribute("disabled"));
        await dialogs.InvokeAsync(() => dialogs.Find("#campaign-reason").Input("Dealer reports of blank screens"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=campaign-reason-confirm]").Click());
        cut.WaitForAssertion(() => Assert.Contains("Dealer reports of blank screens", cut.Find("[data-testid=campaign-status-reason]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains(cut.FindAll("[data-testid=campaign-transition]"), t => t.TextContent.Contains("Running → Paused", StringComparison.Ordinal));

        await cut.InvokeAsync(() => cut.Find("[data-testid=campaign-abort]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#campaign-reason"), Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("#campaign-reason").Input("Superseded by a fixed build"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=campaign-reason-confirm]").Click());
        cut.WaitForAssertion(() => Assert.Equal("Aborted", cut.Find("[data-testid=campaign-status]").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("[data-testid=campaign-pause], [data-testid=campaign-resume], [data-testid=campaign-abort]"));
        await using var db = portal.CreateDb();
        Assert.Equal(CampaignStatus.Aborted, await db.Set<Campaign>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task Rolling_back_a_campaign_the_gate_paused_opens_the_new_draft_for_the_vehicles_it_updated()
    {
        var id = await CampaignScenarios.PausedByHealthGateAsync(portal, "Roll back " + Guid.NewGuid().ToString("N")[..6]);
        await using var ctx = await ComponentHost.CreateAsync(portal, Writer);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<CampaignPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=campaign-rollback]"), Wait);
        Assert.Empty(cut.FindAll("[data-testid=campaign-retry]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=campaign-rollback]").Click());
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Create rollback"), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Create rollback").Click());
        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches(@"/firmware/campaigns/\d+$", navigation.Uri), Wait);
        var rollbackId = int.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await using var db = portal.CreateDb();
        var rollback = await db.Set<Campaign>().SingleAsync(c => c.Id == rollbackId);
        Assert.Equal((CampaignStatus.Draft, id, 10), (rollback.Status, rollback.RollbackOf, rollback.PopulationCount));
    }

    [Fact]
    public async Task An_unknown_campaign_says_so()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.CampaignRead);
        var cut = ctx.RenderWithProviders<CampaignPage>(p => p.Add(c => c.Id, int.MaxValue));
        cut.WaitForAssertion(() => Assert.Contains($"There is no campaign {int.MaxValue}", cut.Find("[data-testid=campaign-not-found]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task The_health_panel_draws_both_groups_for_each_check_and_marks_the_one_that_paused()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.CampaignRead);
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        CampaignHealthView[] checks =
        [
            new(0, at, at.AddHours(-1), 20, 180, 1, 9, 0, 2, 0.05, 0.05, 0, 0.011, 0, 0, true, "Within the margins."),
            new(1, at.AddHours(3), at.AddHours(2), 40, 160, 24, 8, 20, 1, 0.6, 0.05, 0.5, 0.006, 0, 0, false, "Alarms per vehicle 0.6 against 0.05: paused."),
        ];
        var cut = ctx.Render<CampaignHealthPanel>(p => p.Add(c => c.Checks, checks).Add(c => c.Health, new CampaignHealthSettings()));
        Assert.Equal("2", cut.Find("[data-testid=campaign-health-chart]").GetAttribute("data-checks"));
        Assert.Equal(4, cut.FindAll("[data-testid=campaign-health-chart] rect").Count);
        Assert.Single(cut.FindAll("[data-testid=campaign-health-chart] rect.arc-chart-bar-failed"));
        Assert.Equal(["true", "false"], cut.FindAll("[data-testid=campaign-health-check]").Select(r => r.GetAttribute("data-passed")));
        Assert.Contains("0.6 against 0.05", cut.FindAll("[data-testid=campaign-health-check]")[1].TextContent, StringComparison.Ordinal);
    }
}
