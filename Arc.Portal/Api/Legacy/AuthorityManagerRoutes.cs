using System.Text.Json;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Provisioning;
using Arc.Portal.Auth;
using Microsoft.AspNetCore.Mvc;
using static Arc.Portal.Api.Legacy.AuthorityManagerDtos;
using FactoryPin = Arc.Portal.Api.Legacy.AuthorityManagerDtos.FactoryPin;
using ProvisionResult = Arc.Portal.Api.Legacy.AuthorityManagerDtos.ProvisionResult;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/am/v1</c>: the authorities, the vehicles they control, and provisioning, through the authority pages' and the
/// provisioning API's use cases (<see cref="ListAuthorities"/>, <see cref="GetAuthority"/>, <see cref="ListAuthorityVehicles"/>,
/// <see cref="ListVehicleAuthorities"/>, <see cref="ViewFactoryPin"/>, <see cref="ProvisionVehicleForPickup"/>).
/// </summary>
public static class AuthorityManagerRoutes
{
    public static void Map(RouteGroupBuilder am)
    {
        am.MapGet("/authorities", async ([FromQuery(Name = "include_vin")] string? includeVin, [FromQuery(Name = "description")] string? description,
                HttpContext context, PortalCurrentUser user, ListAuthorities list, ListAuthorityVehicles vehicles) =>
            {
                user.UsePrincipal(context.User);
                var rows = await list.HandleAsync(description, context.RequestAborted);
                var withVins = OldFlag(includeVin);
                var answer = new List<AuthorityItem>(rows.Count);
                foreach (var row in rows)
                    answer.Add(new AuthorityItem(row.Id, row.ParentId, row.Description,
                        withVins ? await VinsAsync(vehicles, row.Id, context.RequestAborted) : null));
                return Results.Json(answer);
            })
            .WithName("OldListAuthorities")
            .WithSummary("Old route: the authorities the caller acts for, [{id, parent_id, description, vins?}] (include_vin=true adds vins).")
            .Produces<IReadOnlyList<AuthorityItem>>()
            .ProducesLegacyErrors(400);

        am.MapGet("/authorities/{id}", async (string id, HttpContext context, PortalCurrentUser user, GetAuthority get, ListAuthorityVehicles vehicles) =>
            {
                user.UsePrincipal(context.User);
                var authorityId = PositiveId(id, "id", "Invalid authority id");
                var detail = await get.HandleAsync(authorityId, context.RequestAborted);
                var parent = detail.Id == Authority.RootId ? Authority.RootId : detail.Parent?.Id;
                return Results.Json(new AuthorityManagerDtos.AuthorityDetail(parent, detail.Description,
                    detail.Children.Select(c => new AuthorityChild(c.Id, c.Description)).ToList(), await VinsAsync(vehicles, authorityId, context.RequestAborted)));
            })
            .WithName("OldGetAuthority")
            .WithSummary("Old route: one authority, {parent, description, children[{id, description}], vehicles[vin]}.")
            .Produces<AuthorityManagerDtos.AuthorityDetail>()
            .ProducesLegacyErrors(400, 404);

        am.MapGet("/vehicles", async ([FromQuery(Name = "vin")] string? vin, HttpContext context, PortalCurrentUser user, ListAuthorities list,
                ListAuthorityVehicles vehicles) =>
            {
                user.UsePrincipal(context.User);
                var byVin = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
                foreach (var authority in await list.HandleAsync(null, context.RequestAborted))
                    foreach (var v in await LegacyApi.AllPagesAsync(page => vehicles.HandleAsync(authority.Id, vin, page, Paging.MaxPageSize, context.RequestAborted)))
                        (byVin.TryGetValue(v, out var ids) ? ids : byVin[v] = []).Add(authority.Id);
                return Results.Json(byVin.Select(p => new AuthorityVehicle(p.Key, p.Value.Order().ToList())).ToList());
            })
            .WithName("OldListAuthorityVehicles")
            .WithSummary("Old route: every vehicle of the authorities the caller acts for with their ids, [{vin, authorities[id]}] by VIN; vin filters by a part of it.")
            .Produces<IReadOnlyList<AuthorityVehicle>>()
            .ProducesLegacyErrors(400);

        am.MapGet("/vehicles/{vin}", async (string vin, HttpContext context, PortalCurrentUser user, ListVehicleAuthorities authorities, ViewFactoryPin pin) =>
            {
                user.UsePrincipal(context.User);
                var links = await authorities.HandleAsync(vin, context.RequestAborted);
                var factoryPin = await pin.HandleAsync(vin, context.RequestAborted);
                return Results.Json(new AuthkeyVehicle(links.Select(a => new AuthorityChild(a.Id, a.Description)).ToList(), new FactoryPin(factoryPin)));
            })
            .WithName("OldGetAuthkeyVehicle")
            .WithSummary("Old route: the authorities controlling a vehicle and its factory PIN, {authorities[{id, description}], pin{factory_pin}}; the PIN view is audited and rate limited as on the page.")
            .Produces<AuthkeyVehicle>()
            .ProducesLegacyErrors(400, 404, 429);

        am.MapPut("/vehicles/{vin}", async (string vin, HttpContext context, PortalCurrentUser user, ProvisionVehicleForPickup provision,
                CollectVehicleIdentity collect) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<ProvisionBody>(context);
                var release = body.ModelReleaseId ?? throw new ValidationFailedException("model_release_id", "required field");
                var options = body.Options ?? new Options();
                var outcome = await provision.HandleAsync(new ProvisionRequest(vin, release,
                    new VehicleOptions(options.HeatedSeats, options.HeatedGrips, options.StereoEnabled), body.ManagedSessionMode ?? false), context.RequestAborted);
                var run = outcome.Run;
                if (!run.Succeeded || outcome.IdentityUntil is null)
                    return LegacyErrors.Result(StatusCodes.Status500InternalServerError, new LegacyErrors.Error(
                        "Unable to provision the vehicle: " + (run.Error ?? "a step failed") + "; every step done was undone.", LegacyErrors.GenericError));
                // The old answer carried the certificate and key: the identity kept for pickup is collected at once, by the same
                // caller, so the file never waits sealed and its collection is audited as the API's is.
                var identity = JsonDocument.Parse(await collect.HandleAsync(run.Vin, context.RequestAborted)).RootElement;
                return Results.Json(new ProvisionResult(run.Vin, Authority.RootId, Fleet.MakerFleetId, options, body.ManagedSessionMode ?? false, release,
                    Text(identity, "client_cert"), Text(identity, "client_key"), run.TelemetryPoints ?? [], Text(identity, "pin")));
            })
            .WithName("OldProvisionVehicle")
            .AcceptsOldBody<ProvisionBody>()
            .WithSummary("Old route: provisions (or re-provisions) a vehicle from {model_release_id, options{heated_seats, heated_grips, stereo_enabled}, "
                + "managed_session_mode} and answers the old ProvisionResult with the certificate, private key and PIN (no Idempotency-Key: use PUT /api/v1/vehicles/{vin} for safe retries).")
            .Produces<ProvisionResult>()
            .ProducesLegacyErrors(400, 403, 404, 413);
    }

    private static async Task<List<string>> VinsAsync(ListAuthorityVehicles vehicles, int authorityId, CancellationToken ct) =>
        await LegacyApi.AllPagesAsync(page => vehicles.HandleAsync(authorityId, null, page, Paging.MaxPageSize, ct));

    /// <summary>The old gateway's reading of a flag: '', 'false', '0' and 'none' are false, anything else true.</summary>
    public static bool OldFlag(string? text) =>
        text is not null && !(text.Length == 0 || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text == "0"
            || text.Equals("none", StringComparison.OrdinalIgnoreCase));

    public static int PositiveId(string text, string field, string message) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id >= 1
            ? id : throw new ValidationFailedException(field, message);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
