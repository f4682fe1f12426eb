using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Recalls;
using Arc.Portal.Auth;
using Microsoft.AspNetCore.Mvc;
using static Arc.Portal.Api.Legacy.LegacyRecallDtos;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/vm/v1/recalls</c> edits, deletion and remedies through the recall pages' use cases (<see cref="EditRecall"/>,
/// <see cref="DeleteRecall"/>, <see cref="CreateRemedy"/>, <see cref="EditRemedy"/>, <see cref="DeleteRemedy"/>); each
/// bumps the public "recall data updated" date as the old step wrapper's second step did. A recall has one remedy in the
/// portal, so an old remedy id is found through the recalls the caller may read.
/// </summary>
public static class LegacyRecallWriteRoutes
{
    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapPost("/recalls/{recall_id}", async ([FromRoute(Name = "recall_id")] string recallId, HttpContext context, PortalCurrentUser user,
                GetRecall get, EditRecall edit, DeleteRecall delete) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                var body = await LegacyApi.ReadBodyAsync<RecallEdit>(context);
                Unsupported(body.Date, "date", "The recall's dates are kept on the Recalls page (determination, report and owner notification dates).");
                Unsupported(body.RemedyId, "remedy_id", "A recall's remedy is its own: create it with PUT /vm/v1/recalls/{recall_id}/remedy.");
                var status = body.Status switch
                {
                    null or "active" => null,
                    "deleted" => "deleted",
                    _ => throw new ValidationFailedException("status", "status can only be set to active or deleted"),
                };
                var current = await get.HandleAsync(id, context.RequestAborted);
                var draft = Merge(RecallDraft.Of(current.Recall), body);
                if (draft == RecallDraft.Of(current.Recall) && status is null)
                    throw new ConflictException("You must supply title, description, nhtsa_number, mfr_campaign_id, country, safety_recall, safety_description or status to edit the record");
                if (draft != RecallDraft.Of(current.Recall))
                    await edit.HandleAsync(id, draft, ct: context.RequestAborted);
                if (status == "deleted" && current.Recall.Status != RecallStatus.Deleted)
                    await delete.HandleAsync(id, context.RequestAborted);
                return Results.Json(From(await get.HandleAsync(id, context.RequestAborted)));
            })
            .WithName("OldEditRecall")
            .AcceptsOldBody<RecallEdit>()
            .WithSummary("Old route: changes the fields sent of {title, description, nhtsa_number, mfr_campaign_id, country, safety_recall, "
                + "safety_description, status (deleted)} and answers the recall; date and remedy_id are refused (400) with where to change them.")
            .Produces<LegacyRecallDtos.Recall>()
            .ProducesLegacyErrors(400, 403, 404, 413);

        vm.MapDelete("/recalls/{recall_id}", async ([FromRoute(Name = "recall_id")] string recallId, HttpContext context, PortalCurrentUser user,
                DeleteRecall delete) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                await delete.HandleAsync(id, context.RequestAborted);
                return Results.Json(new RecallIdOnly(id));
            })
            .WithName("OldDeleteRecall")
            .WithSummary("Old route: marks a recall deleted (kept for the record) and answers {recall_id}.")
            .Produces<RecallIdOnly>()
            .ProducesLegacyErrors(400, 404);

        vm.MapGet("/recalls/remedies", async (HttpContext context, PortalCurrentUser user, ListRecalls list) =>
            {
                user.UsePrincipal(context.User);
                return Results.Json(new RemedyList((await RemediesAsync(list, context)).Select(r => ToRemedy(r.Remedy!)).ToList()));
            })
            .WithName("OldListRemedies")
            .WithSummary("Old route: every recall's remedy, {remedies[{remedy_id, date, description}]}.")
            .Produces<RemedyList>();

        vm.MapGet("/recalls/remedies/{remedy_id}", async ([FromRoute(Name = "remedy_id")] string remedyId, HttpContext context, PortalCurrentUser user,
                ListRecalls list) =>
            {
                user.UsePrincipal(context.User);
                return Results.Json(ToRemedy((await FindRemedyAsync(list, remedyId, context)).Remedy!));
            })
            .WithName("OldGetRemedy")
            .WithSummary("Old route: one remedy, {remedy_id, date, description}.")
            .Produces<RemedyItem>()
            .ProducesLegacyErrors(400, 404);

        vm.MapPut("/recalls/{recall_id}/remedy", async ([FromRoute(Name = "recall_id")] string recallId, HttpContext context, PortalCurrentUser user,
                CreateRemedy create, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(recallId, "recall_id", "Invalid recall_id");
                var body = await LegacyApi.ReadBodyAsync<RemedyBody>(context);
                Unsupported(body.Date, "date", "A remedy's date is the day it is recorded.");
                // The old remedies were repairs at a dealer; an over-the-air remedy is recorded on the Recalls page.
                await create.HandleAsync(id, body.Description, RemedyType.DealerRepair, ct: context.RequestAborted);
                return Results.Json(ToRemedy((await get.HandleAsync(id, context.RequestAborted)).Remedy!));
            })
            .WithName("OldCreateRemedy")
            .AcceptsOldBody<RemedyBody>()
            .WithSummary("Old route: gives a recall its remedy (a dealer repair) from {description} and answers {remedy_id, date, description}.")
            .Produces<RemedyItem>()
            .ProducesLegacyErrors(400, 404, 413);

        vm.MapPost("/recalls/remedies/{remedy_id}", async ([FromRoute(Name = "remedy_id")] string remedyId, HttpContext context, PortalCurrentUser user,
                ListRecalls list, EditRemedy edit, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<RemedyBody>(context);
                Unsupported(body.Date, "date", "A remedy's date is the day it was recorded.");
                if (body.Description is null)
                    throw new ConflictException("You must supply description to edit the record");
                var view = await FindRemedyAsync(list, remedyId, context);
                var remedy = view.Remedy!;
                await edit.HandleAsync(view.Recall.Id, body.Description, remedy.Type, firmware: remedy.Firmware, ct: context.RequestAborted);
                return Results.Json(ToRemedy((await get.HandleAsync(view.Recall.Id, context.RequestAborted)).Remedy!));
            })
            .WithName("OldEditRemedy")
            .AcceptsOldBody<RemedyBody>()
            .WithSummary("Old route: changes a remedy's description from {description} and answers {remedy_id, date, description}.")
            .Produces<RemedyItem>()
            .ProducesLegacyErrors(400, 403, 404, 413);

        vm.MapDelete("/recalls/remedies/{remedy_id}", async ([FromRoute(Name = "remedy_id")] string remedyId, HttpContext context, PortalCurrentUser user,
                ListRecalls list, DeleteRemedy delete) =>
            {
                user.UsePrincipal(context.User);
                var view = await FindRemedyAsync(list, remedyId, context);
                await delete.HandleAsync(view.Recall.Id, context.RequestAborted);
                return Results.Json(new RemedyIdOnly(view.Remedy!.Id));
            })
            .WithName("OldDeleteRemedy")
            .WithSummary("Old route: deletes a remedy (its recall has none after) and answers {remedy_id}.")
            .Produces<RemedyIdOnly>()
            .ProducesLegacyErrors(400, 404);
    }

    private static void Unsupported(object? value, string field, string message)
    {
        if (value is not null)
            throw new ValidationFailedException(field, message);
    }

    private static RecallDraft Merge(RecallDraft d, RecallEdit e) => d with
    {
        Title = e.Title ?? d.Title,
        Description = e.Description ?? d.Description,
        NhtsaNumber = e.NhtsaNumber ?? d.NhtsaNumber,
        ManufacturerNumber = e.ManufacturerNumber ?? d.ManufacturerNumber,
        Country = e.Country ?? d.Country,
        SafetyRecall = e.SafetyRecall ?? d.SafetyRecall,
        // The old rule: a recall that is no safety recall keeps no safety description.
        SafetyDescription = e.SafetyRecall == false ? null : e.SafetyDescription ?? d.SafetyDescription,
    };

    private static async Task<List<RecallView>> RemediesAsync(ListRecalls list, HttpContext context) =>
        (await list.HandleAsync(new RecallQuery(IncludeDeleted: true), context.RequestAborted)).Where(r => r.Remedy is not null).OrderBy(r => r.Remedy!.Id).ToList();

    private static async Task<RecallView> FindRemedyAsync(ListRecalls list, string remedyId, HttpContext context)
    {
        var id = AuthorityManagerRoutes.PositiveId(remedyId, "remedy_id", "Invalid remedy_id");
        return (await RemediesAsync(list, context)).FirstOrDefault(r => r.Remedy!.Id == id)
            ?? throw new NotFoundException("Remedy", id.ToString(CultureInfo.InvariantCulture));
    }

    private static RemedyItem ToRemedy(RecallRemedy remedy) => new(remedy.Id, Day(DateOnly.FromDateTime(remedy.Date.UtcDateTime)), remedy.Description);
}
