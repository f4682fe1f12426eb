using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Recalls;
using Arc.Portal.Auth;
using Microsoft.AspNetCore.Mvc;
using static Arc.Portal.Api.Legacy.LegacyRecallDtos;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/vm/v1/recalls/{recall_id}/vehicles/{vin}</c> writes through the recall vehicle use cases of the pages
/// (<see cref="AddRecallVehicles"/>, <see cref="EditRecallVehicle"/>, <see cref="RemoveRecallVehicle"/>,
/// <see cref="ServiceRecallVehicles"/>); they answer the vehicle's entry as <c>GET</c> of the same path does.
/// </summary>
public static class LegacyRecallVehicleRoutes
{
    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapPut("/recalls/{recall_id}/vehicles/{vin}", async ([FromRoute(Name = "recall_id")] string recallId, string vin, HttpContext context,
                PortalCurrentUser user, AddRecallVehicles add, ListVehicleRecalls entries) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                var body = await LegacyApi.ReadOptionalBodyAsync(context, new RecallVehicleBody(null, null, null));
                if (!string.IsNullOrEmpty(body.ServiceReference))
                    throw new ValidationFailedException("service_reference",
                        "A vehicle enters a recall open; record its service reference with POST …/vehicles/{vin}/service when it is serviced.");
                await add.HandleAsync(id, vin, context.RequestAborted);
                return Results.Json(await EntryAsync(entries, id, vin, context));
            })
            .WithName("OldAddRecallVehicle")
            .AcceptsOldBody<RecallVehicleBody>(optional: true)
            .WithSummary("Old route: puts a vehicle in a recall, open, and answers its entry {vehicle_recall_id, recall_id, service_date, service_reference, vin}.")
            .Produces<VehicleRecall>()
            .ProducesLegacyErrors(400, 404, 413);

        vm.MapPost("/recalls/{recall_id}/vehicles/{vin}", async ([FromRoute(Name = "recall_id")] string recallId, string vin, HttpContext context,
                PortalCurrentUser user, EditRecallVehicle edit, ListVehicleRecalls entries) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                var body = await LegacyApi.ReadBodyAsync<RecallVehicleBody>(context);
                var entry = await FindAsync(entries, id, vin, context);
                if (body.VehicleRecallId is { } given && given != entry.Id)
                    throw new ValidationFailedException("vehicle_recall_id", $"Vehicle recall {given} is not the entry of {entry.Vin} in recall {id}.");
                if (body.ServiceDate is null && body.ServiceReference is null)
                    throw new ConflictException("You must supply service_date or service_reference to edit the record");
                RecallVehicleDraft draft;
                if (body.ServiceDate is not null)
                    draft = new RecallVehicleDraft(RecallVehicleStatus.Remedied, Date(body.ServiceDate), body.ServiceReference ?? entry.ServiceReference);
                else if (entry.Status == RecallVehicleStatus.Open)
                    throw new ValidationFailedException("service_reference", "An open entry has no service reference: send service_date with it to record the service.");
                else
                    draft = new RecallVehicleDraft(entry.Status, entry.ServiceDate, body.ServiceReference, entry.UnreachableReason, entry.ReasonNote);
                await edit.HandleAsync(id, vin, draft, entry.Version, context.RequestAborted);
                return Results.Json(await EntryAsync(entries, id, vin, context));
            })
            .WithName("OldEditRecallVehicle")
            .AcceptsOldBody<RecallVehicleBody>()
            .WithSummary("Old route: records a vehicle's service from {service_date (yyyy-MM-dd), service_reference} or changes the reference of a "
                + "serviced entry; answers the entry.")
            .Produces<VehicleRecall>()
            .ProducesLegacyErrors(400, 403, 404, 413);

        vm.MapDelete("/recalls/{recall_id}/vehicles/{vin}", async ([FromRoute(Name = "recall_id")] string recallId, string vin, HttpContext context,
                PortalCurrentUser user, RemoveRecallVehicle remove) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                await remove.HandleAsync(id, vin, context.RequestAborted);
                return Results.Json(new RemovedRecallVehicle(id, vin));
            })
            .WithName("OldRemoveRecallVehicle")
            .WithSummary("Old route: takes a vehicle out of a recall and answers {recall_id, vin}.")
            .Produces<RemovedRecallVehicle>()
            .ProducesLegacyErrors(400, 404);

        vm.MapPost("/recalls/{recall_id}/vehicles/{vin}/service", async ([FromRoute(Name = "recall_id")] string recallId, string vin, HttpContext context,
                PortalCurrentUser user, ServiceRecallVehicles service, ListVehicleRecalls entries) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                var body = await LegacyApi.ReadOptionalBodyAsync(context, new RecallVehicleBody(null, null, null));
                await service.HandleAsync(id, vin, null, body.ServiceReference, context.RequestAborted);
                return Results.Json(await EntryAsync(entries, id, vin, context));
            })
            .WithName("OldServiceRecallVehicle")
            .AcceptsOldBody<RecallVehicleBody>(optional: true)
            .WithSummary("Old route: records today's service of a vehicle in a recall with {service_reference} and answers its entry.")
            .Produces<VehicleRecall>()
            .ProducesLegacyErrors(400, 404, 413);
    }

    private static DateOnly Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw new ValidationFailedException("service_date", "service_date must be a date, yyyy-MM-dd.");

    private static async Task<RecallVehicleView> FindAsync(ListVehicleRecalls entries, int recallId, string vin, HttpContext context) =>
        (await entries.HandleAsync(vin, context.RequestAborted)).FirstOrDefault(e => e.RecallId == recallId)
            ?? throw new NotFoundException("Vehicle recall for vehicle", vin);

    private static async Task<VehicleRecall> EntryAsync(ListVehicleRecalls entries, int recallId, string vin, HttpContext context)
    {
        var e = await FindAsync(entries, recallId, vin, context);
        return new VehicleRecall(e.Id, e.RecallId, e.ServiceDate is { } d ? Day(d) : null, e.ServiceReference, e.Vin, null, null);
    }
}
