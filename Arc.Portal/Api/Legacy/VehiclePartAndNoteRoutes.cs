using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Models;
using Arc.Domain.Notes;
using Arc.Domain.Vehicles;
using Arc.Portal.Auth;
using Microsoft.AspNetCore.Mvc;
using static Arc.Portal.Api.Legacy.VehicleManagerDtos;
using ReleasePart = Arc.Portal.Api.Legacy.VehicleManagerDtos.ReleasePart;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/vm/v1</c> parts, model releases and notes of vehicles, through the Models page's and the vehicle page's use cases
/// (<see cref="ListModelReleases"/>, <see cref="SetModelReleasePart"/>, <see cref="InstallVehiclePart"/>,
/// <see cref="SetVehicleModelRelease"/>, <see cref="ListNotes"/>, <see cref="AddVehicleNote"/>).
/// </summary>
public static class VehiclePartAndNoteRoutes
{
    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapGet("/vehicles/parts/{model_release_id}", async ([FromRoute(Name = "model_release_id")] string releaseId, HttpContext context,
                PortalCurrentUser user, ListModelReleases list) =>
            {
                user.UsePrincipal(context.User);
                var release = await ReleaseAsync(list, releaseId, context);
                return Results.Json(new SortedDictionary<string, string>(release.Parts.ToDictionary(p => p.PartType, p => p.PartNumber), StringComparer.Ordinal));
            })
            .WithName("OldGetModelReleaseParts")
            .WithSummary("Old route: a model release's bill of parts, {part_type: part_number}.")
            .Produces<IReadOnlyDictionary<string, string>>()
            .ProducesLegacyErrors(400, 404);

        vm.MapPost("/vehicles/parts/{model_release_id}", async ([FromRoute(Name = "model_release_id")] string releaseId, HttpContext context,
                PortalCurrentUser user, SetModelReleasePart set) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(releaseId, "model_release_id", "Invalid model_release_id");
                var body = await LegacyApi.ReadBodyAsync<PartBody>(context);
                var result = await set.HandleAsync(id, body.PartType, body.PartNumber, context.RequestAborted);
                return Results.Json(new ReleasePart(result.PartType, result.PartNumber));
            })
            .WithName("OldSetModelReleasePart")
            .AcceptsOldBody<PartBody>()
            .WithSummary("Old route: sets the part number of one part type in a model release's bill from {part_type, part_number} and answers {part_type, part_number}.")
            .Produces<ReleasePart>()
            .ProducesLegacyErrors(400, 404, 413);

        vm.MapPost("/vehicles/{vin}/parts", async (string vin, HttpContext context, PortalCurrentUser user, GetVehicle get, ListModelReleases list,
                InstallVehiclePart install) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<PartBody>(context);
                var number = body.PartNumber;
                if (number is null)
                {
                    // The old function installed the number the vehicle's model release lists for the type.
                    var vehicle = await get.HandleAsync(vin, context.RequestAborted);
                    IReadOnlyList<ModelReleaseRow> releases = vehicle.ModelReleaseId is null ? [] : await list.HandleAsync(null, context.RequestAborted);
                    number = releases.FirstOrDefault(x => x.ModelReleaseId == vehicle.ModelReleaseId)?.Parts.FirstOrDefault(p => p.PartType == body.PartType)?.PartNumber
                        ?? throw new ValidationFailedException("part_type", "The vehicle's model release lists no part of this type.");
                }
                var installed = await install.HandleAsync(vin, body.PartType, number, context.RequestAborted);
                return Results.Json(new Part(installed.PartType, installed.PartNumber, installed.Installed));
            })
            .WithName("OldInstallVehiclePart")
            .AcceptsOldBody<PartBody>()
            .WithSummary("Old route: records the part its model release lists for {part_type} as installed on the vehicle and answers {part_type, part_number, installed}.")
            .Produces<Part>()
            .ProducesLegacyErrors(400, 404, 413);

        vm.MapPost("/vehicles/{vin}/{model_release_id:int}", async (string vin, [FromRoute(Name = "model_release_id")] int releaseId, HttpContext context,
                PortalCurrentUser user, SetVehicleModelRelease set) =>
            {
                user.UsePrincipal(context.User);
                if (releaseId < 1)
                    throw new ValidationFailedException("model_release_id", "Invalid model_release_id");
                await set.HandleAsync(vin, releaseId, context.RequestAborted);
                return Results.Json(new VehicleRelease(Vin.Parse(vin, context.RequestServices.GetRequiredService<PortalEnvironment>().Environment).Value, releaseId));
            })
            .WithName("OldSetVehicleModelRelease")
            .WithSummary("Old route: sets the vehicle's model release and answers {vin, model_release_id}.")
            .Produces<VehicleRelease>()
            .ProducesLegacyErrors(400, 404);

        vm.MapGet("/vehicles/{vin}/notes", async (string vin, HttpContext context, PortalCurrentUser user, ListNotes list) =>
            {
                user.UsePrincipal(context.User);
                var notes = await LegacyApi.AllPagesAsync(async page =>
                    (await list.HandleAsync(new NoteQuery(NoteObjectTypes.Vehicle, vin, PageIndex: page, PageSize: Paging.MaxPageSize), context.RequestAborted)).Notes);
                return Results.Json(notes.Select(ToNote).ToList());
            })
            .WithName("OldListVehicleNotes")
            .WithSummary("Old route: a vehicle's notes, newest first, [{note_id, created, author, content, tags[]}].")
            .Produces<IReadOnlyList<NoteItem>>()
            .ProducesLegacyErrors(400, 404);

        vm.MapPost("/vehicles/{vin}/notes", async (string vin, HttpContext context, PortalCurrentUser user, AddVehicleNote add) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<NoteBody>(context);
                var note = await add.HandleAsync(new AddVehicleNoteCommand(vin, body.Content, body.Tags), context.RequestAborted);
                return Results.Json(new NoteId(note.NoteId));
            })
            .WithName("OldAddVehicleNote")
            .AcceptsOldBody<NoteBody>()
            .WithSummary("Old route: adds a note from {content, tags[]} to the vehicle, written by the caller, and answers {note_id}.")
            .Produces<NoteId>()
            .ProducesLegacyErrors(400, 404, 413);
    }

    private static async Task<ModelReleaseRow> ReleaseAsync(ListModelReleases list, string releaseId, HttpContext context)
    {
        var id = AuthorityManagerRoutes.PositiveId(releaseId, "model_release_id", "Invalid model_release_id");
        return (await list.HandleAsync(null, context.RequestAborted)).FirstOrDefault(r => r.ModelReleaseId == id)
            ?? throw new NotFoundException("Model release", id.ToString(CultureInfo.InvariantCulture));
    }

    private static NoteItem ToNote(NoteView n) => new(n.NoteId, n.Created, n.Author, n.Content, n.Tags);
}
