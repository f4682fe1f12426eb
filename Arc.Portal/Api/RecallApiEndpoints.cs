using System.Text.Json.Serialization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Auth;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/recalls</c>: the recall pages' use cases for campaigns and their remedy. A recall's ETag is its row version
/// (an edit with a stale If-Match is 412); its remedy has a version of its own, given by the remedy's read.
/// </summary>
public static class RecallApiEndpoints
{
    /// <summary>Every field of a recall; an edit replaces them all, as the recall's form does.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record RecallBody(string? Title, string? Description, string? NhtsaNumber, string? ManufacturerNumber = null, string? Country = null,
        bool SafetyRecall = false, string? SafetyDescription = null, string? Component = null, DateOnly? DeterminationDate = null,
        DateOnly? ReportSubmittedDate = null, DateOnly? OwnerNotificationDate = null, bool DoNotDrive = false, bool ParkOutside = false)
    {
        public RecallDraft Draft() => new(Title, Description, NhtsaNumber, ManufacturerNumber, Country, SafetyRecall, SafetyDescription, Component,
            DeterminationDate, ReportSubmittedDate, OwnerNotificationDate, DoNotDrive, ParkOutside);
    }

    /// <param name="Type">OverTheAir, DealerRepair or Both.</param>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    /// <summary>A remedy; an over-the-air one may name the firmware (component and recorded hash) that completes it (decision 0049).</summary>
    public sealed record RemedyBody(string? Description, [property: JsonConverter(typeof(JsonStringEnumConverter<RemedyType>))] RemedyType Type,
        RemedyFirmware? Firmware = null);

    public static IEndpointRouteBuilder MapRecallApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapResourceGroup("/api/v1/recalls", "Recalls");

        api.MapGet("", async (HttpContext context, PortalCurrentUser user, ListRecalls list, string? search, string? safetyOnly, string? includeDeleted) =>
            {
                user.UsePrincipal(context.User);
                var query = new RecallQuery(search, ApiQuery.Bool(safetyOnly, "safetyOnly"), ApiQuery.Bool(includeDeleted, "includeDeleted"));
                return TypedResults.Ok(await list.HandleAsync(query, context.RequestAborted));
            })
            .RequireAuthorization(Perm.RecallRead)
            .WithName("ListRecalls")
            .WithSummary("The recalls, newest first, with their remedies, filtered by a text of the title or numbers, to safety recalls, and with deleted ones when asked.")
            .Produces<IReadOnlyList<RecallView>>();

        api.MapGet("/{id}", async (int id, HttpContext context, PortalCurrentUser user, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                var recall = await get.HandleAsync(id, context.RequestAborted);
                return TypedResults.Ok(context.Tagged(recall, recall.Recall.Version));
            })
            .RequireAuthorization(Perm.RecallRead)
            .WithETag()
            .WithName("GetRecall")
            .WithSummary("One recall with its remedy (a deleted one too); its ETag guards edits.")
            .Produces<RecallView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("", async (RecallBody body, HttpContext context, PortalCurrentUser user, CreateRecall create, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                var id = await create.HandleAsync(body.Draft(), context.RequestAborted);
                var recall = await get.HandleAsync(id, context.RequestAborted);
                return TypedResults.Created($"/api/v1/recalls/{id}", context.Tagged(recall, recall.Recall.Version));
            })
            .RequireAuthorization(Perm.RecallCreate)
            .AsCreate()
            .WithName("CreateRecall")
            .WithSummary("Creates a recall campaign (title, description and NHTSA number required; a safety recall needs its safety description).")
            .Produces<RecallView>(StatusCodes.Status201Created);

        api.MapPut("/{id}", async (int id, RecallBody body, HttpContext context, PortalCurrentUser user, EditRecall edit, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                await edit.HandleAsync(id, body.Draft(), context.IfMatch(), context.RequestAborted);
                var recall = await get.HandleAsync(id, context.RequestAborted);
                return TypedResults.Ok(context.Tagged(recall, recall.Recall.Version));
            })
            .RequireAuthorization(Perm.RecallEdit)
            .WithIfMatch()
            .WithName("EditRecall")
            .WithSummary("Replaces every field of a recall with the body's.")
            .Produces<RecallView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id}", async (int id, HttpContext context, PortalCurrentUser user, DeleteRecall delete) =>
            {
                user.UsePrincipal(context.User);
                await delete.HandleAsync(id, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.RecallDelete)
            .WithName("DeleteRecall")
            .WithSummary("Deletes a recall softly: it stays on record, marked deleted, listed only when asked for.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{id}/remedy", async (int id, HttpContext context, PortalCurrentUser user, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                var remedy = (await get.HandleAsync(id, context.RequestAborted)).Remedy
                    ?? throw new NotFoundException("Remedy of recall", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return TypedResults.Ok(context.Tagged(remedy, remedy.Version));
            })
            .RequireAuthorization(Perm.RecallRead)
            .WithETag()
            .WithName("GetRecallRemedy")
            .WithSummary("A recall's remedy; its ETag guards edits of the remedy.")
            .Produces<RecallRemedy>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/remedy", async (int id, RemedyBody body, HttpContext context, PortalCurrentUser user, CreateRemedy create, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                await create.HandleAsync(id, body.Description, body.Type, body.Firmware, context.RequestAborted);
                var remedy = (await get.HandleAsync(id, context.RequestAborted)).Remedy!;
                return TypedResults.Created($"/api/v1/recalls/{id}/remedy", context.Tagged(remedy, remedy.Version));
            })
            // Two permissions (recalls.recall.create and .edit): the use case checks both.
            .RequireAuthorization(Perm.RecallCreate)
            .AsCreate()
            .WithName("CreateRecallRemedy")
            .WithSummary("Gives a recall its remedy (a recall has at most one): a description and how it is done.")
            .Produces<RecallRemedy>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{id}/remedy", async (int id, RemedyBody body, HttpContext context, PortalCurrentUser user, EditRemedy edit, GetRecall get) =>
            {
                user.UsePrincipal(context.User);
                await edit.HandleAsync(id, body.Description, body.Type, context.IfMatch(), body.Firmware, context.RequestAborted);
                var remedy = (await get.HandleAsync(id, context.RequestAborted)).Remedy!;
                return TypedResults.Ok(context.Tagged(remedy, remedy.Version));
            })
            .RequireAuthorization(Perm.RecallEdit)
            .WithIfMatch()
            .WithName("EditRecallRemedy")
            .WithSummary("Replaces a recall's remedy's description and type.")
            .Produces<RecallRemedy>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id}/remedy", async (int id, HttpContext context, PortalCurrentUser user, DeleteRemedy delete) =>
            {
                user.UsePrincipal(context.User);
                await delete.HandleAsync(id, context.RequestAborted);
                return TypedResults.NoContent();
            })
            // Two permissions (recalls.recall.edit and .delete): the use case checks both.
            .RequireAuthorization(Perm.RecallEdit)
            .WithName("DeleteRecallRemedy")
            .WithSummary("Removes a recall's remedy.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
