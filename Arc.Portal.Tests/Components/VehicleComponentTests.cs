using Arc.Domain.Permissions;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Components.Layout;
using Arc.Portal.Tests.Support;
using Bunit;

namespace Arc.Portal.Tests.Components;

public sealed class VehicleComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Vin = DemoVins.First;

    [Fact]
    public async Task The_vehicle_list_shows_the_first_page_and_the_total()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<VehicleList>();
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("tbody tr").Count), TimeSpan.FromSeconds(10));
        Assert.Contains($"{DemoData.VehicleCount} vehicles", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(20, cut.FindAll("a[href^='vehicles/DEV-7F7A']").Count);
    }

    [Fact]
    public async Task The_list_shows_each_vehicles_last_known_charge_and_odometer()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'N', 33);
        await portal.Services.GetRequiredService<Arc.Domain.Telemetry.ITelemetryStore>().WriteAsync(
            [new Arc.Domain.Telemetry.TelemetrySample(vin, DateTimeOffset.UtcNow.AddMinutes(-1), new Dictionary<string, double> { ["bms_pack_soc"] = 77, ["odometer"] = 1609.344 })]);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        ctx.NavigateTo("vehicles?vin=R00033");
        var cut = ctx.RenderWithProviders<VehicleList>();
        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("tbody tr"));
            Assert.Contains("77 %", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("1,000 mi", row.TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_vin_search_in_the_address_filters_the_list()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        ctx.NavigateTo("vehicles?vin=R00019");
        var cut = ctx.RenderWithProviders<VehicleList>();
        cut.WaitForAssertion(() =>
        {
            Assert.Single(cut.FindAll("tbody tr"));
            Assert.Contains(">1 vehicle<", cut.Markup, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_hostile_vin_search_shows_the_field_error_and_no_rows()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        ctx.NavigateTo("vehicles?vin=" + Uri.EscapeDataString("<img src=x>"));
        var cut = ctx.RenderWithProviders<VehicleList>();
        cut.WaitForAssertion(() => Assert.Contains("A VIN search may contain only letters, digits and", cut.Markup, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Contains("No vehicle matches these filters.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("img")); // shown as text in the field, never as markup
    }

    [Fact]
    public async Task The_vehicle_page_shows_the_tabs_with_data_and_history_for_auditors()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AuditRead);
        ctx.NavigateTo($"vehicles/{Vin}?tab=parts");
        var cut = ctx.RenderWithProviders<VehiclePage>(p => p.Add(c => c.Vin, Vin.ToLowerInvariant()));
        cut.WaitForAssertion(() => Assert.Contains("001052", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var tabs = cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["Fleets", "Notes", "Parts", "Quality", "Registration", "Sync", "Telemetry", "Trips", "History"], tabs);
        Assert.Contains("FUV: Original Manufactured", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_vehicle_tab_is_registered_once_with_parameters_its_component_declares()
    {
        Assert.Equal(["authorities", "firmware", "fleets", "alarms", "notes", "recalls", "tsbs", "parts", "quality", "pin", "registration", "sync", "telemetry", "trips",
            "history"],
            VehicleTabs.All.Select(r => r.Tab.Key));
        var vehicle = new Arc.Domain.Vehicles.VehicleDetail(Vin, DateTimeOffset.UtcNow, null, null, null, null, null, [], [],
            new Dictionary<string, string>());
        foreach (var (tab, component) in VehicleTabs.All)
        {
            var declared = component.GetProperties()
                .Where(p => p.IsDefined(typeof(Microsoft.AspNetCore.Components.ParameterAttribute), inherit: true))
                .Select(p => p.Name).ToHashSet();
            var missing = tab.Parameters(vehicle).Keys.Where(k => !declared.Contains(k)).ToList();
            Assert.True(missing.Count == 0, $"{component.Name} does not declare {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public async Task The_vehicle_page_opens_on_the_users_preferred_tab_and_refuses_a_malformed_one()
    {
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
        {
            var set = scope.ServiceProvider.GetRequiredService<Arc.Domain.Users.SetMyPreference>();
            foreach (var hostile in new[] { "../users", "Sync", "sync;drop", new string('a', 41), "" })
                await Assert.ThrowsAsync<Arc.Domain.Common.ValidationFailedException>(() => set.HandleAsync("default_vehicle_tab", hostile));
            await set.HandleAsync("default_vehicle_tab", "sync");
        }
        try
        {
            await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
            ctx.NavigateTo($"vehicles/{Vin}");
            var cut = ctx.RenderWithProviders<VehiclePage>(p => p.Add(c => c.Vin, Vin));
            cut.WaitForAssertion(() => Assert.Equal("Sync", cut.Find(".mud-tab-active").TextContent.Trim()), TimeSpan.FromSeconds(10));
        }
        finally
        {
            await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
            await scope.ServiceProvider.GetRequiredService<Arc.Domain.Users.SetMyPreference>().HandleAsync("default_vehicle_tab", null);
        }
    }

    [Fact]
    public async Task Without_the_audit_permission_the_history_tab_is_not_offered()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        ctx.NavigateTo($"vehicles/{Vin}?tab=history");
        var cut = ctx.RenderWithProviders<VehiclePage>(p => p.Add(c => c.Vin, Vin));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-tab")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("History", cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
        Assert.Contains("There is no tab \"history\"", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-vin", "17 characters")]
    [InlineData("DEV-7F7ATR310LER00019", "check digit")]
    [InlineData("STAGE-7F7ATR31XLER00019", "start with 'DEV-'")]
    public async Task A_malformed_vin_in_the_address_gets_a_clear_message(string vin, string message)
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<VehiclePage>(p => p.Add(c => c.Vin, vin));
        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-testid=vehicle-error]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_user_without_permission_sees_access_denied_and_no_vehicle_data()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal);
        var cut = ctx.RenderWithProviders<VehiclePage>(p => p.Add(c => c.Vin, Vin));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=access-denied]")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("001052", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("FUV: Original Manufactured", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_navigation_shows_only_entries_the_user_may_open()
    {
        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.VehicleRead))
        {
            var cut = reader.Render<NavMenu>();
            Assert.Contains("Vehicles", cut.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("Audit Log", cut.Markup, StringComparison.Ordinal);
        }
        await using var nobody = await ComponentHost.CreateAsync(portal);
        var bare = nobody.Render<NavMenu>();
        Assert.DoesNotContain(">Vehicles<", bare.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit Log", bare.Markup, StringComparison.Ordinal);
        Assert.Contains("My Profile", bare.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_an_empty_note_shows_the_reason_on_the_field()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        ctx.Render<MudBlazor.MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<VehicleNotesTab>(p => p.Add(c => c.Vin, Vin));
        cut.WaitForAssertion(() => Assert.Contains("Initial Parts Set", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await cut.Find("[data-testid=add-note]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains("A note needs some text.", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Access_denied_explains_itself()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal);
        var cut = ctx.Render<AccessDenied>();
        Assert.Contains("does not have the permission", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_vehicle_page_lists_what_is_still_waiting_for_AWS()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'M', 26); // the second demo vehicle
        // Queued in the past, next attempt well ahead: the portal's own worker leaves the rows alone meanwhile.
        var queued = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
        var next = DateTimeOffset.UtcNow.AddHours(2);
        await using (var db = portal.CreateDb())
        {
            db.SideEffectSet.Add(new Arc.Domain.SideEffects.SideEffect
            {
                Kind = Arc.Domain.SideEffects.SideEffectKinds.PublishShadow, Vin = vin, Actor = "system", Created = queued,
                NextAttempt = next, Attempts = 3, LastError = "Shadow update failed (reference abc)",
            });
            db.SideEffectSet.Add(new Arc.Domain.SideEffects.SideEffect
            {
                Kind = Arc.Domain.SideEffects.SideEffectKinds.RevokeCertificate, Vin = vin, Argument = "cert-1", Actor = "system", Created = queued,
                NextAttempt = next,
            });
            await db.SaveChangesAsync();
        }
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<VehiclePendingWork>(p => p.Add(c => c.Vin, vin));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=pending-item]").Count));
        var items = cut.FindAll("[data-testid=pending-item]").Select(i => i.TextContent).ToList();
        Assert.Contains("Shadow update pending (queued 2026-11-25 09:30:00 UTC)", items[0], StringComparison.Ordinal);
        Assert.Contains($"3 failed attempts, next at {next:HH:mm:ss} UTC (Shadow update failed (reference abc))", items[0], StringComparison.Ordinal);
        Assert.Contains("Revocation pending: a replaced device certificate", items[1], StringComparison.Ordinal);

        // Another vehicle, with nothing waiting, shows nothing.
        var other = ctx.Render<VehiclePendingWork>(p => p.Add(c => c.Vin, Vin));
        await Task.Delay(200);
        Assert.Empty(other.FindAll("[data-testid=pending-work]"));
        await using (var db = portal.CreateDb())
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.SideEffectSet.Where(s => s.Vin == vin));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_sync_tab_shows_the_managed_session_pin_only_to_users_who_may_read_managed_sessions(bool mayReadSessions)
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'P', 68); // the eighth demo vehicle
        // The vehicle is in a managed session: its PIN is desired, and the vehicle has reported it back.
        await portal.Services.GetRequiredService<Arc.Domain.Shadows.IDeviceShadows>().UpdateAsync(vin, new Arc.Domain.Shadows.ShadowUpdate(
            new System.Text.Json.Nodes.JsonObject { ["managed_pin"] = "482913" }, new System.Text.Json.Nodes.JsonObject { ["managed_pin"] = "482913" }));
        await using var ctx = await ComponentHost.CreateAsync(portal, mayReadSessions ? [Perm.VehicleRead, Perm.ManagedSessionRead] : [Perm.VehicleRead]);
        var cut = ctx.RenderWithProviders<VehicleSyncTab>(p => p.Add(c => c.Vin, vin));

        cut.WaitForAssertion(() => Assert.Contains("managed_pin", cut.Find("[data-testid=shadow-table]").TextContent, StringComparison.Ordinal));
        var row = cut.FindAll("[data-testid=shadow-table] tbody tr").Single(r => r.TextContent.Contains("managed_pin", StringComparison.Ordinal));
        if (mayReadSessions)
        {
            Assert.Equal(2, row.TextContent.Split("482913").Length - 1);
        }
        else
        {
            Assert.DoesNotContain("482913", cut.Markup, StringComparison.Ordinal);
            Assert.Equal(2, row.TextContent.Split(Arc.Domain.ManagedSessions.ManagedPinVisibility.Mask).Length - 1);
        }
    }
}
