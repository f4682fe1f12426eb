using System.Text;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Shadows;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class DefinitionVersionTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private const string File = """
        {
          "speed": {"address": 268, "byte_list": [{"byte_num": 0, "num_bits": 16}], "type": "float", "report": "avg", "scale": 10},
          "odometer": {"address": 268, "type": "float", "scale": 100},
          "cabin_co2": {"address": 1800, "type": "int", "report": "avg"}
        }
        """;

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task<int> AddAsync(string name, string file, string description = "Cabin air quality") =>
        AsAdminAsync(sp => sp.GetRequiredService<AddTelemetryDefinitionVersion>().HandleAsync(name, description, "metrics.json", Encoding.UTF8.GetBytes(file)));

    private async Task<int> VersionCountAsync()
    {
        await using var db = portal.CreateDb();
        return await db.DefinitionVersionSet.CountAsync();
    }

    [Fact]
    public async Task A_new_version_is_browsable_audited_and_a_vehicle_can_move_to_it()
    {
        var id = await AddAsync("2026-11", File);

        var catalogue = await AsAdminAsync(sp => sp.GetRequiredService<ListTelemetryDefinitions>().HandleAsync(id));
        Assert.Contains(catalogue.Versions, v => v is { Name: "2026-11", Points: 3, IsDefault: false });
        Assert.Equal(["odometer", "speed", "cabin_co2"], catalogue.Points.Select(p => p.Name)); // by CAN id, then name
        Assert.Equal("0x708", catalogue.Points.Single(p => p.Name == "cabin_co2").Group);
        await using (var db = portal.CreateDb())
            Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.TelemetryDefinitionAdded && a.EntityId == "2026-11"));

        var vin = "DEV-" + DemoData.MakeVin('T', 'N', 61); // the seventh demo vehicle
        // Points are checked against the chosen version: the new one has no state of charge.
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(async sp => { await sp.GetRequiredService<SaveVehicleTelemetryConfiguration>().HandleAsync(vin, "2026-11", ["speed", "bms_pack_soc"]); return 0; }));
        Assert.Contains("has no point bms_pack_soc", refused.Message, StringComparison.Ordinal);
        await AsAdminAsync(async sp => { await sp.GetRequiredService<SaveVehicleTelemetryConfiguration>().HandleAsync(vin, "2026-11", ["speed", "cabin_co2"]); return 0; });
        await portal.SideEffectsSettledAsync();
        var shadow = await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin);
        Assert.Equal("2026-11", shadow!.Desired["telemetry_version"]!.GetValue<string>());
        Assert.Equal(["cabin_co2", "speed"], shadow.Desired["telemetry_points"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Theory]
    [InlineData("", "Cabin", "name")]
    [InlineData("x'; DROP TABLE telemetry.point_definition; --", "Cabin", "name")]
    [InlineData("current", "Cabin", "name")]
    [InlineData("2026-12", "", "description")]
    [InlineData("2026-12", "<oversized>", "description")]
    [InlineData("2026-12/../../etc", "Cabin", "name")]
    public async Task Bad_names_and_descriptions_are_refused_and_add_nothing(string name, string description, string field)
    {
        var before = await VersionCountAsync();
        var about = description == "<oversized>" ? new string('d', 201) : description;
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => AddAsync(name, File, about));
        Assert.True(error.Errors.ContainsKey(field), error.Message);
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task A_file_with_problems_or_too_large_or_not_text_adds_nothing_and_lists_every_problem()
    {
        var before = await VersionCountAsync();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AddAsync("bad-1", """{"speed": {"type": "double"}, "odometer": {"scale": 0}}"""));
        Assert.Equal(2, error.Errors["file"].Length);
        Assert.Contains("metrics.json was not accepted", error.Message, StringComparison.Ordinal);

        var huge = "{\"speed\": {}, \"pad\": {\"offset\": 0" + new string(' ', MetricsFile.MaxBytes) + "}}";
        Assert.Contains("at most 1,024 KB", (await Assert.ThrowsAsync<ValidationFailedException>(() => AddAsync("bad-2", huge))).Message, StringComparison.Ordinal);
        var binary = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp =>
            sp.GetRequiredService<AddTelemetryDefinitionVersion>().HandleAsync("bad-3", "Binary", "metrics.json", [0xff, 0xfe, 0x00, 0x7b])));
        Assert.Contains("not UTF-8 text", binary.Message, StringComparison.Ordinal);
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task Support_staff_cannot_add_a_version()
    {
        var username = await portal.CreateUserAsync($"support-{Guid.NewGuid():N}@arc.test", "support");
        await using var scope = await portal.AsUserAsync(username);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<AddTelemetryDefinitionVersion>()
            .HandleAsync("2027-01", "Anything", "metrics.json", Encoding.UTF8.GetBytes(File)));
    }
}
