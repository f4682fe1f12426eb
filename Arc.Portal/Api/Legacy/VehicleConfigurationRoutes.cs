using System.Globalization;
using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;
using Arc.Portal.Auth;
using static Arc.Portal.Api.Legacy.VehicleManagerDtos;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/vm/v1/vehicles/{vin}</c> writes and status of the factory line and dealer tools: the speed governor
/// (<see cref="SetSpeedGovernor"/>), GPS recording (<see cref="SetGpsRecording"/>, <see cref="GetVehicleStatus"/>), the
/// shadow's sync state (<see cref="GetVehicleStatus"/>) and fleet membership (<see cref="AddVehicleToFleet"/>,
/// <see cref="RemoveVehicleFromFleet"/>), the use cases of the vehicle and fleet pages. The old step-wrapped writes
/// answered their input arguments; these answer the same fields.
/// </summary>
public static class VehicleConfigurationRoutes
{
    public const string GovernorKey = "option_governor_max_speed";

    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapPost("/vehicles/{vin}/configuration", async (string vin, HttpContext context, PortalCurrentUser user, SetSpeedGovernor governor) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<ConfigurationBody>(context);
                var mph = GovernorMph(body.Configuration);
                SpeedGovernorResult result;
                try
                {
                    result = await governor.HandleAsync(vin, mph, context.RequestAborted);
                }
                catch (ValidationFailedException e) when (e.Errors.ContainsKey("maxMph"))
                {
                    throw new ValidationFailedException(GovernorKey, e.Message);
                }
                var kmh = long.Parse(result.StoredKmh, CultureInfo.InvariantCulture);
                return Results.Json(new ConfigurationResult(Vin(vin, context), new Dictionary<string, long> { [GovernorKey] = kmh }));
            })
            .WithName("OldSetVehicleConfiguration")
            .AcceptsOldBody<ConfigurationBody>()
            .WithSummary("Old route: sets the speed governor from {configuration{option_governor_max_speed}} in km/h (0 or null turns it off; "
                + "otherwise 8 to 113 km/h, 5 to 70 mph) and answers {vin, configuration{option_governor_max_speed}} with the stored km/h.")
            .Produces<ConfigurationResult>()
            .ProducesLegacyErrors(400, 404, 413);

        vm.MapGet("/vehicles/{vin}/gps", async (string vin, HttpContext context, PortalCurrentUser user, GetVehicleStatus status) =>
            {
                user.UsePrincipal(context.User);
                return Results.Json(new GpsSetting(null, (await status.HandleAsync(vin, context.RequestAborted)).RecordsGps));
            })
            .WithName("OldGetGpsRecording")
            .WithSummary("Old route: whether the vehicle records GPS positions, {record_gps}.")
            .Produces<GpsSetting>()
            .ProducesLegacyErrors(400, 404);

        vm.MapPost("/vehicles/{vin}/gps", async (string vin, HttpContext context, PortalCurrentUser user, SetGpsRecording set) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<GpsBody>(context);
                var record = body.RecordGps ?? throw new ValidationFailedException("record_gps", "required field");
                await set.HandleAsync(vin, record, context.RequestAborted);
                return Results.Json(new GpsSetting(Vin(vin, context), record));
            })
            .WithName("OldSetGpsRecording")
            .AcceptsOldBody<GpsBody>()
            .WithSummary("Old route: turns GPS recording on or off from {record_gps} (a boolean) and answers {vin, record_gps}.")
            .Produces<GpsSetting>()
            .ProducesLegacyErrors(400, 404, 413);

        vm.MapGet("/vehicles/{vin}/synchronized", async (string vin, HttpContext context, PortalCurrentUser user, GetVehicleStatus status) =>
            {
                user.UsePrincipal(context.User);
                var sync = (await status.HandleAsync(vin, context.RequestAborted)).Sync;
                // True only once the vehicle has reported the desired state, as the old "no delta" check: a vehicle that never
                // reported, or a shadow that could not be read, is not known to be synchronized, so a polling client waits.
                return Results.Json(new ShadowSynchronized(sync == ShadowSync.Synchronized));
            })
            .WithName("OldGetShadowSynchronized")
            .WithSummary("Old route: whether the vehicle has taken up its desired configuration, {vehicle_shadow_synchronized}.")
            .Produces<ShadowSynchronized>()
            .ProducesLegacyErrors(400, 404);

        vm.MapPut("/vehicles/{vin}/groups/{group}", (string vin, string group, HttpContext context, PortalCurrentUser user, ListFleetVehicles members,
                AddVehicleToFleet add) => ChangeMembershipAsync(vin, group, context, user, members, add: true,
                    (id, v) => add.HandleAsync(id, v, context.RequestAborted)))
            .WithName("OldAddVehicleToGroup")
            .WithSummary("Old route: adds the vehicle to a vehicle group (fleet) and answers {group_id, vin}; a vehicle already in it stays, as before.")
            .Produces<GroupMembership>()
            .ProducesLegacyErrors(400, 404);

        vm.MapDelete("/vehicles/{vin}/groups/{group}", (string vin, string group, HttpContext context, PortalCurrentUser user, ListFleetVehicles members,
                RemoveVehicleFromFleet remove) => ChangeMembershipAsync(vin, group, context, user, members, add: false,
                    (id, v) => remove.HandleAsync(id, v, context.RequestAborted)))
            .WithName("OldRemoveVehicleFromGroup")
            .WithSummary("Old route: removes the vehicle from a vehicle group (fleet) and answers {group_id, vin}; the maker's group 1 keeps its vehicles (403).")
            .Produces<GroupMembership>()
            .ProducesLegacyErrors(400, 403, 404);
    }

    /// <summary>
    /// The old add and remove were idempotent (an insert that ignored a duplicate, a delete of nothing): a vehicle already
    /// where the call wants it is answered as done, after the same permission check, and nothing is written.
    /// </summary>
    private static async Task<IResult> ChangeMembershipAsync(string vin, string group, HttpContext context, PortalCurrentUser user,
        ListFleetVehicles members, bool add, Func<int, string, Task> change)
    {
        user.UsePrincipal(context.User);
        var id = AuthorityManagerRoutes.PositiveId(group, "group_id", "Invalid group_id");
        var parsed = Vin(vin, context);
        var page = await members.HandleAsync(id, parsed, 0, Paging.MaxPageSize, context.RequestAborted);
        if (page.Items.Contains(parsed, StringComparer.Ordinal) == add && !(id == Fleet.MakerFleetId && !add))
            await user.RequireAsync(Perm.FleetWrite, context.RequestAborted);
        else
            await change(id, parsed);
        return Results.Json(new GroupMembership(id, parsed));
    }

    private static string Vin(string text, HttpContext context) =>
        Arc.Domain.Vehicles.Vin.Parse(text, context.RequestServices.GetRequiredService<PortalEnvironment>().Environment).Value;

    /// <summary>
    /// The old body's limit in km/h as the old panel stored it, as the use case's mph: 0 or null turns the governor off;
    /// a whole-mph limit from 5 to 70 arrives as 8 to 113 km/h, so the ends are taken to the range's ends.
    /// </summary>
    public static double? GovernorMph(JsonElement? configuration)
    {
        if (configuration is not { ValueKind: JsonValueKind.Object } settings)
            throw new ValidationFailedException("configuration", "configuration must be a non-empty object holding " + GovernorKey + ".");
        if (!settings.TryGetProperty(GovernorKey, out var value))
            throw new ValidationFailedException(GovernorKey, "required field: the speed governor is the one configuration this route sets.");
        double kmh;
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n))
            kmh = n;
        else if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 16 } s
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            kmh = parsed;
        else
            throw new ValidationFailedException(GovernorKey, "must be a number of km/h.");
        if (kmh == 0)
            return null;
        const double low = 8, high = 113;
        if (!double.IsFinite(kmh) || kmh < low || kmh > high)
            throw new ValidationFailedException(GovernorKey, $"Value must be 0 (off) or between {low} and {high} km/h (5 to 70 mph).");
        return Math.Clamp(kmh / VehicleConfiguration.KmPerMile, VehicleConfiguration.MinMph, VehicleConfiguration.MaxMph);
    }
}
