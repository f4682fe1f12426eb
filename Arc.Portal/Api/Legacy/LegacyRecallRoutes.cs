using Arc.Domain.Common;
using Arc.Domain.Recalls;
using Arc.Portal.Auth;
using Microsoft.AspNetCore.Mvc;
using static Arc.Portal.Api.Legacy.LegacyRecallDtos;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/vm/v1/recalls</c> and a vehicle's recalls, through the recall pages' use cases (<see cref="ListRecalls"/>,
/// <see cref="GetRecall"/>, <see cref="ListRecallVehicles"/>, <see cref="ListVehicleRecalls"/>, <see cref="CreateRecall"/>,
/// <see cref="GetRecallDataDates"/>).
/// </summary>
public static class LegacyRecallRoutes
{
    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapGet("/recalls", async ([FromQuery(Name = "get_deleted_recalls")] string? deleted, HttpContext context, PortalCurrentUser user, ListRecalls list) =>
            {
                user.UsePrincipal(context.User);
                var recalls = await list.HandleAsync(new RecallQuery(IncludeDeleted: AuthorityManagerRoutes.OldFlag(deleted)), context.RequestAborted);
                return Results.Json(new RecallList(recalls.Select(r => From(r)).ToList()));
            })
            .WithName("OldListRecalls")
            .WithSummary("Old route: the recalls, newest first, {recalls[…]}; get_deleted_recalls=true adds deleted ones.")
            .Produces<RecallList>();

        vm.MapPut("/recalls", async (HttpContext context, PortalCurrentUser user, CreateRecall create, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<NewRecall>(context);
                var id = await create.HandleAsync(new RecallDraft(body.Title, body.Description, body.NhtsaNumber, body.ManufacturerNumber, body.Country,
                    body.SafetyRecall ?? throw new ValidationFailedException("safety_recall", "required field"), body.SafetyDescription), context.RequestAborted);
                return Results.Json(From(await get.HandleAsync(id, context.RequestAborted), created: true));
            })
            .WithName("OldCreateRecall")
            .AcceptsOldBody<NewRecall>()
            .WithSummary("Old route: opens a recall from {title, description, nhtsa_number, mfr_campaign_id, country, safety_recall, safety_description}; answers it with id.")
            .Produces<LegacyRecallDtos.Recall>()
            .ProducesLegacyErrors(400, 403, 413);

        vm.MapGet("/recalls/date/initial", async (HttpContext context, PortalCurrentUser user, GetRecallDataDates dates) =>
            {
                user.UsePrincipal(context.User);
                return Results.Json(new DateValue((await dates.HandleAsync(context.RequestAborted)).Initial));
            })
            .WithName("OldGetRecallDataInitial")
            .WithSummary("Old route: when the recall data was first recorded, {value}.")
            .Produces<DateValue>();

        vm.MapGet("/recalls/date/updated", async (HttpContext context, PortalCurrentUser user, GetRecallDataDates dates) =>
            {
                user.UsePrincipal(context.User);
                return Results.Json(new DateValue((await dates.HandleAsync(context.RequestAborted)).Updated));
            })
            .WithName("OldGetRecallDataUpdated")
            .WithSummary("Old route: when the recall data last changed, {value}.")
            .Produces<DateValue>();

        vm.MapGet("/recalls/{recall_id}", async ([FromRoute(Name = "recall_id")] string recallId, HttpContext context, PortalCurrentUser user, GetRecall get,
                ListRecallVehicles vehicles) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                var recall = await get.HandleAsync(id, context.RequestAborted);
                var entries = await LegacyApi.AllPagesAsync(async page =>
                    (await vehicles.HandleAsync(new RecallVehicleQuery(id, PageIndex: page, PageSize: Paging.MaxPageSize), context.RequestAborted)).Page);
                return Results.Json(From(recall, vehicles: entries.Select(From).ToList(), withRemedy: true));
            })
            .WithName("OldGetRecall")
            .WithSummary("Old route: one recall with its remedy {id, date, description} and vehicles [{id, recall_id, service_date, service_reference, vin}].")
            .Produces<LegacyRecallDtos.Recall>()
            .ProducesLegacyErrors(400, 404);

        vm.MapGet("/recalls/{recall_id}/vehicles/{vin}", async ([FromRoute(Name = "recall_id")] string recallId, string vin, HttpContext context,
                PortalCurrentUser user, ListVehicleRecalls list) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                var entry = (await list.HandleAsync(vin, context.RequestAborted)).FirstOrDefault(e => e.RecallId == id)
                    ?? throw new NotFoundException("Vehicle recall for vehicle", vin);
                return Results.Json(ToVehicleRecall(entry, null));
            })
            .WithName("OldGetRecallVehicle")
            .WithSummary("Old route: one vehicle's entry in a recall, {vehicle_recall_id, recall_id, service_date, service_reference, vin}.")
            .Produces<VehicleRecall>()
            .ProducesLegacyErrors(400, 404);

        vm.MapGet("/vehicles/{vin}/recalls", async (string vin, HttpContext context, PortalCurrentUser user, ListVehicleRecalls list, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                var answer = new List<VehicleRecall>();
                foreach (var entry in await list.HandleAsync(vin, context.RequestAborted))
                    answer.Add(ToVehicleRecall(entry, From(await get.HandleAsync(entry.RecallId, context.RequestAborted), withRemedy: true)));
                return Results.Json(new VehicleRecallList(answer));
            })
            .WithName("OldListVehicleRecalls")
            .WithSummary("Old route: a vehicle's recalls with their recall data, {vehicle_recalls[{vehicle_recall_id, recall_id, service_date, service_reference, vin, recall}]}.")
            .Produces<VehicleRecallList>()
            .ProducesLegacyErrors(400);
    }

    private static VehicleRecall ToVehicleRecall(RecallVehicleView entry, LegacyRecallDtos.Recall? recall) =>
        new(entry.Id, entry.RecallId, entry.ServiceDate is { } d ? Day(d) : null, entry.ServiceReference, entry.Vin, null, recall);
}
