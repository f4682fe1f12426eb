using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Domain.Shadows;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class TelemetryConfigurationTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('T', 'N', 33);

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    [Fact]
    public async Task Points_are_replaced_checked_against_the_version_and_pushed_to_the_shadow()
    {
        var before = await AsAdminAsync(c => c.GetRequiredService<GetVehicleTelemetryConfiguration>().HandleAsync(Vin));
        Assert.Equal(TelemetryCatalogue.Legacy405, before.Version);
        Assert.Equal(ProvisionVehicle.DefaultTelemetryPoints.Order(), before.Points);
        Assert.Equal(75, before.Available.Count);

        await AsAdminAsync(async c => { await c.GetRequiredService<SaveVehicleTelemetryConfiguration>().HandleAsync(Vin, TelemetryCatalogue.Current, ["speed", "odometer", "gearbox_temp", "speed"]); return 0; });
        await portal.SideEffectsSettledAsync();

        var after = await AsAdminAsync(c => c.GetRequiredService<GetVehicleTelemetryConfiguration>().HandleAsync(Vin));
        Assert.Equal(TelemetryCatalogue.Current, after.Version);
        Assert.Equal(["gearbox_temp", "odometer", "speed"], after.Points);
        var shadow = await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(Vin);
        Assert.Equal("current", shadow!.Desired["telemetry_version"]!.GetValue<string>());
        Assert.Equal(["gearbox_temp", "odometer", "speed"], shadow.Desired["telemetry_points"]!.AsArray().Select(p => p!.GetValue<string>()));

        await AsAdminAsync(async c => { await c.GetRequiredService<ResetVehicleTelemetryConfiguration>().HandleAsync(Vin, TelemetryCatalogue.Legacy405); return 0; });
        await portal.SideEffectsSettledAsync();
        var reset = await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(Vin);
        Assert.Equal(DesiredState.DefaultTelemetryVersion, reset!.Desired["telemetry_version"]!.GetValue<string>());
        Assert.Equal(16, reset.Desired["telemetry_points"]!.AsArray().Count);
    }

    public static TheoryData<string, string[], string> BadChanges => new()
    {
        { TelemetryCatalogue.Legacy405, [], "at least one point" },
        { TelemetryCatalogue.Legacy405, ["gearbox_temp_x"], "has no point gearbox_temp_x" },
        { TelemetryCatalogue.Legacy405, ["charger_status"], "has no point charger_status" }, // not in 405
        { "9999", ["speed"], "no definitions version" },
        { TelemetryCatalogue.Current, ["speed\"; DROP MEASUREMENT telemetry; --"], "has no point" },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task Bad_changes_are_refused_and_nothing_changes(string version, string[] points, string message)
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'L', 47);
        var before = await AsAdminAsync(c => c.GetRequiredService<GetVehicleTelemetryConfiguration>().HandleAsync(vin));
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(async c => { await c.GetRequiredService<SaveVehicleTelemetryConfiguration>().HandleAsync(vin, version, points); return 0; }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        var after = await AsAdminAsync(c => c.GetRequiredService<GetVehicleTelemetryConfiguration>().HandleAsync(vin));
        Assert.Equal(before.Points, after.Points);
    }

    [Fact]
    public async Task Reading_the_points_does_not_allow_changing_them()
    {
        var reader = await portal.CreateUserAsync($"reader-{Guid.NewGuid():N}@arc.test", "support");
        await using (var db = portal.CreateDb())
        {
            db.GroupPermissionSet.Add(new Arc.Domain.Permissions.GroupPermission { GroupId = 6, Permission = Arc.Domain.Permissions.Perm.TelemetryPointsRead });
            await db.SaveChangesAsync();
        }
        portal.Services.GetRequiredService<Arc.Infrastructure.Users.AccountStateStore>().Invalidate(reader);
        await using var scope = await portal.AsUserAsync(reader);
        var configuration = scope.ServiceProvider.GetRequiredService<GetVehicleTelemetryConfiguration>();
        Assert.NotEmpty((await configuration.HandleAsync(Vin)).Points);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<SaveVehicleTelemetryConfiguration>().HandleAsync(Vin, TelemetryCatalogue.Current, ["speed"]));
    }
}
