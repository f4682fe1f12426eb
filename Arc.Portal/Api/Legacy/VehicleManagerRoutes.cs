using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Fleets;
using Arc.Domain.Models;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Arc.Portal.Auth;
using Microsoft.AspNetCore.Mvc;
using static Arc.Portal.Api.Legacy.VehicleManagerDtos;
using FirmwareComponent = Arc.Portal.Api.Legacy.VehicleManagerDtos.FirmwareComponent;
using FirmwareRelease = Arc.Portal.Api.Legacy.VehicleManagerDtos.FirmwareRelease;
using ModelRelease = Arc.Portal.Api.Legacy.VehicleManagerDtos.ModelRelease;
using ReleasePart = Arc.Portal.Api.Legacy.VehicleManagerDtos.ReleasePart;
using Vehicle = Arc.Portal.Api.Legacy.VehicleManagerDtos.Vehicle;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/vm/v1</c> vehicles, vehicle groups (the portal's fleets), models, model releases and firmware, through the use cases
/// of the vehicle, fleet, catalogue and firmware pages.
/// </summary>
public static class VehicleManagerRoutes
{
    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapGet("/vehicles", async ([FromQuery(Name = "group_id")] string? groupId, HttpContext context, PortalCurrentUser user, ListVehicles list,
                GetFleet fleet, ListFleets fleets) =>
            {
                user.UsePrincipal(context.User);
                var filter = await FilterArgsAsync(context);
                var fleetId = groupId is { Length: > 0 } ? AuthorityManagerRoutes.PositiveId(groupId, "group_id", "Invalid group_id") : filter.GroupId;
                if (fleetId is null && filter.GroupName is { } name)
                    fleetId = (await fleets.HandleAsync(new FleetQuery(name, PageSize: Paging.MaxPageSize), context.RequestAborted)).Items
                        .FirstOrDefault(f => f.Name == name)?.Id ?? throw new NotFoundException("Vehicle group", name);
                if (fleetId is { } id)
                    await fleet.HandleAsync(id, context.RequestAborted);
                var rows = await LegacyApi.AllPagesAsync(page => list.HandleAsync(new ListVehiclesQuery(FleetId: fleetId, PageIndex: page, PageSize: Paging.MaxPageSize), context.RequestAborted));
                return Results.Json(new VehicleList(rows.Select(r => new VinItem(r.Vin)).ToList()));
            })
            .WithName("OldListVehicles")
            .WithSummary("Old route: every VIN, {vehicles[{vin}]}, of one vehicle group with group_id (query) or filter_args {group_id | group_name} (body).")
            .Produces<VehicleList>()
            .ProducesLegacyErrors(400, 404);

        vm.MapGet("/vehicles/{vin}", async (string vin, HttpContext context, PortalCurrentUser user, GetVehicle get, GetVehicleFirmware firmware) =>
            {
                user.UsePrincipal(context.User);
                var detail = await get.HandleAsync(vin, context.RequestAborted);
                // A fleet member may read the vehicle without firmware.vehicle.read; the firmware fields are then empty, as the
                // old object's were for a vehicle without records.
                var view = await user.HasAsync(Perm.FirmwareVehicleRead, context.RequestAborted) ? await firmware.HandleAsync(detail.Vin, context.RequestAborted) : null;
                var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var c in view?.Components ?? [])
                    if (c.RecordedHash is { } hash)
                        versions[c.Release] = hash;
                return Results.Json(new Vehicle(detail.Vin, view?.AllowsGovernor ?? false, detail.ModelReleaseId, detail.Fleets.Select(f => f.Id).ToList(),
                    detail.Registration, versions, detail.Parts.Select(p => new Part(p.PartType, p.PartNumber, p.Installed)).ToList(), detail.ModelName));
            })
            .WithName("OldGetVehicle")
            .WithSummary("Old route: one vehicle in the old Vehicle object's field names (vin, allows_governor, model_release_id, groups, registration, firmware_versions, parts, model).")
            .Produces<Vehicle>()
            .ProducesLegacyErrors(400, 404);

        vm.MapGet("/groups", async (HttpContext context, PortalCurrentUser user, ListFleets list, GetFleetSettings settings) =>
            {
                user.UsePrincipal(context.User);
                var rows = await LegacyApi.AllPagesAsync(page => list.HandleAsync(new FleetQuery(PageIndex: page, PageSize: Paging.MaxPageSize), context.RequestAborted));
                var answer = new List<FleetItem>(rows.Count);
                foreach (var row in rows)
                {
                    var s = await settings.HandleAsync(row.Id, context.RequestAborted);
                    answer.Add(new FleetItem(row.Id, row.Name, s.Location, s.DepartmentCode, s.DepartmentDescription));
                }
                return Results.Json(answer);
            })
            .WithName("OldListVehicleGroups")
            .WithSummary("Old route: the vehicle groups (fleets) by id, [{id, name, location_code, code, description}] (location_code holds the location's name).");

        vm.MapGet("/groups/{group}", async (string group, HttpContext context, PortalCurrentUser user, GetFleet get, GetFleetSettings settings,
                ListFleetVehicles vehicles) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(group, "group_id", "Invalid group_id");
                var fleet = await get.HandleAsync(id, context.RequestAborted);
                var s = await settings.HandleAsync(id, context.RequestAborted);
                var vins = await LegacyApi.AllPagesAsync(page => vehicles.HandleAsync(id, null, page, Paging.MaxPageSize, context.RequestAborted));
                return Results.Json(new VehicleManagerDtos.FleetDetail(fleet.Name, s.DepartmentCode, s.DepartmentDescription, vins,
                    fleet.Users.Select(u => u.Username).ToList(), s.Type, s.LocationId is { } location ? new FleetLocation(location, s.Location) : null));
            })
            .WithName("OldGetVehicleGroup")
            .WithSummary("Old route: one vehicle group, {name, code, description, vehicles[vin], users[username], type, location{id, location_name}}.")
            .Produces<VehicleManagerDtos.FleetDetail>()
            .ProducesLegacyErrors(400, 404);

        vm.MapGet("/vehicles/models", async (HttpContext context, PortalCurrentUser user, ListModels list) =>
            {
                user.UsePrincipal(context.User);
                var models = await list.HandleAsync(context.RequestAborted);
                return Results.Json(new ModelList(models.Select(m => new Model(m.Id, m.ModelName, m.LetterCode, m.Description, m.Created)).ToList()));
            })
            .WithName("OldListModels")
            .WithSummary("Old route: the models, {models[{id, model_name, letter_code, description, created}]}.")
            .Produces<ModelList>();

        vm.MapGet("/vehicles/model-releases", async ([FromQuery(Name = "model_id")] string? modelId, HttpContext context, PortalCurrentUser user,
                ListModelReleases list) =>
            {
                user.UsePrincipal(context.User);
                var model = modelId is { Length: > 0 } ? AuthorityManagerRoutes.PositiveId(modelId, "model_id", "model_id must be a whole number of at least 1") : (int?)null;
                var releases = await list.HandleAsync(model, context.RequestAborted);
                return Results.Json(new ModelReleaseList(releases.Select(r => new ModelRelease(r.ModelReleaseId, r.Description, r.Created, r.ModelName,
                    r.Parts.Select(p => new ReleasePart(p.PartType, p.PartNumber)).ToList())).ToList()));
            })
            .WithName("OldListModelReleases")
            .WithSummary("Old route: the model releases with their parts, {model_releases[{model_release_id, model_release_description, created, model_name, parts}]}.")
            .Produces<ModelReleaseList>()
            .ProducesLegacyErrors(400);

        vm.MapGet("/vehicles/firmware/components", async (HttpContext context, PortalCurrentUser user, ListFirmwareReleases list) =>
            {
                user.UsePrincipal(context.User);
                var releases = await list.HandleAsync(context.RequestAborted);
                return Results.Json(new FirmwareComponentList(releases.Hosts.Select(h => new FirmwareComponent(h.PartType, h.Component, null)).ToList()));
            })
            .WithName("OldListFirmwareComponents")
            .WithSummary("Old route: which part type hosts which firmware component, {firmware_components[{part_type, firmware_component, created}]}.")
            .Produces<FirmwareComponentList>();

        vm.MapGet("/vehicles/firmware/version", async (HttpContext context, PortalCurrentUser user, ListFirmwareReleases list) =>
            {
                user.UsePrincipal(context.User);
                var releases = await list.HandleAsync(context.RequestAborted);
                var current = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var r in releases.Current)
                    current[r.Component] = r.Hash;
                return Results.Json(new FirmwareRelease(current));
            })
            .WithName("OldGetCurrentFirmware")
            .WithSummary("Old route: the current release of every firmware component, {firmware{component: hash}}.")
            .Produces<FirmwareRelease>();

        vm.MapGet("/vehicles/{vin}/firmware/version", async (string vin, HttpContext context, PortalCurrentUser user, GetVehicleFirmware firmware) =>
            {
                user.UsePrincipal(context.User);
                var view = await firmware.HandleAsync(vin, context.RequestAborted);
                var recorded = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var c in view.Components)
                    if (c.RecordedHash is { } hash)
                        recorded[c.Release] = hash;
                return Results.Json(recorded);
            })
            .WithName("OldGetVehicleFirmware")
            .WithSummary("Old route: the firmware recorded as installed on a vehicle, {component: hash}.")
            .Produces<IReadOnlyDictionary<string, string>>()
            .ProducesLegacyErrors(400, 404);
    }

    private sealed record Filter(int? GroupId, string? GroupName);

    /// <summary>
    /// The old route took its filter only from a JSON body (<c>{"filter_args": {"group_id": 3}}</c>) even on a GET; a body
    /// is read when one was sent.
    /// </summary>
    private static async Task<Filter> FilterArgsAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null or 0 && context.Request.Headers.TransferEncoding.Count == 0)
            return new Filter(null, null);
        JsonElement root;
        try
        {
            root = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement;
        }
        catch (JsonException)
        {
            throw new ValidationFailedException("filter_args", "The body is not valid JSON.");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("filter_args", out var args) || args.ValueKind == JsonValueKind.Null)
            return new Filter(null, null);
        if (args.ValueKind != JsonValueKind.Object)
            throw new ValidationFailedException("filter_args", "must be of dict type");
        int? id = null;
        if (args.TryGetProperty("group_id", out var g))
            id = g.ValueKind == JsonValueKind.Number && g.TryGetInt32(out var n) && n >= 1 ? n : throw new ValidationFailedException("group_id", "Invalid group_id");
        string? name = null;
        if (args.TryGetProperty("group_name", out var gn))
            name = gn.ValueKind == JsonValueKind.String && gn.GetString() is { Length: > 0 and <= 200 } s ? s : throw new ValidationFailedException("group_name", "must be a non-empty string");
        return new Filter(id, name);
    }
}
