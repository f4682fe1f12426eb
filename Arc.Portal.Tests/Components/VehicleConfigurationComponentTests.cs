using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Portal.Components.Vehicles;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The vehicle page's status cards, the speed governor dialog and the GPS recording button.</summary>
public sealed class VehicleConfigurationComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string Card(IRenderedComponent<VehicleStatusCards> cut, string name) => cut.Find($"[data-testid=card-{name}]").TextContent;

    [Fact]
    public async Task The_cards_show_control_governor_compatibility_managed_mode_and_sync_without_actions_for_a_reader()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<VehicleStatusCards>(p => p.Add(c => c.Vin, vin));
        cut.WaitForAssertion(() => Assert.Contains("Incompatible", Card(cut, "governor"), StringComparison.Ordinal), Wait);
        Assert.Contains("Not in your fleets", Card(cut, "control"), StringComparison.Ordinal);
        Assert.Contains("Disabled", Card(cut, "managed"), StringComparison.Ordinal);
        Assert.Contains("Unknown", Card(cut, "sync"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=governor-open]"));
        Assert.Empty(cut.FindAll("[data-testid=gps-toggle]"));
        Assert.Contains("GPS recording is off.", cut.Find("[data-testid=gps-state]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_governor_dialog_refuses_out_of_range_and_a_vehicle_without_governor_firmware_on_its_field()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.VehicleConfigurationWrite);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<VehicleStatusCards>(p => p.Add(c => c.Vin, vin));
        cut.WaitForAssertion(() => cut.Find("[data-testid=governor-open]"), Wait);

        cut.Find("[data-testid=governor-open]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#governor-mph"), Wait);
        Assert.Contains("does not understand a speed governor", dialogs.Find("[data-testid=governor-incompatible]").TextContent, StringComparison.Ordinal);
        Assert.True(dialogs.Find("#governor-mph").HasAttribute("disabled"));
        dialogs.Find("input[type=checkbox]").Change(true);
        dialogs.Find("#governor-mph").Input("71");
        dialogs.Find("form#governor-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("Value must be between 5 and 70", dialogs.Find("form#governor-form").TextContent, StringComparison.Ordinal), Wait);

        // In range, but this vehicle's firmware has no governor: refused on the same field, nothing kept.
        dialogs.Find("#governor-mph").Input("30");
        dialogs.Find("form#governor-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("record its newer firmware first", dialogs.Find("form#governor-form").TextContent, StringComparison.Ordinal), Wait);
        cut.WaitForAssertion(() => Assert.Contains("Incompatible", Card(cut, "governor"), StringComparison.Ordinal), Wait);
        await using (var db = portal.CreateDb())
            Assert.False(await db.VehicleMetaSet.AnyAsync(m => m.Vin == vin && m.Key == DesiredState.GovernorKey));
    }

    [Fact]
    public async Task The_gps_button_toggles_recording_at_once_and_says_the_new_state()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.VehicleWrite);
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<VehicleStatusCards>(p => p.Add(c => c.Vin, vin));
        cut.WaitForAssertion(() => Assert.Contains("Enable GPS recording", cut.Find("[data-testid=gps-toggle]").TextContent, StringComparison.Ordinal), Wait);
        cut.Find("[data-testid=gps-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Contains("GPS recording is on.", cut.Find("[data-testid=gps-state]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Disable GPS recording", cut.Find("[data-testid=gps-toggle]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=gps-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Contains("GPS recording is off.", cut.Find("[data-testid=gps-state]").TextContent, StringComparison.Ordinal), Wait);
    }
}
