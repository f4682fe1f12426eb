using System.Globalization;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Domain.Recalls;
using Arc.Domain.Users;
using Arc.Domain.Vehicles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Arc.Portal.Components.Pages;

/// <summary>
/// Gives a page about one entity (a vehicle, a user, a group …) the HTTP status 404 when that entity does not exist.
/// Pages load their data in the circuit, after the first response has gone, so this asks while the server writes that
/// response: it runs the page's own read use case, as the signed-in user, and only a not-found answer changes the status.
/// The page itself still explains, in the circuit, that there is nothing at this address.
/// </summary>
public sealed class EntityStatus : ComponentBase
{
    private delegate Task Probe(IServiceProvider services, string id, CancellationToken ct);

    // One entry per page with an id in its address: the route parameter and the read that fails for a missing entity.
    // The routes' int and long constraints have already checked the numbers parse.
    private static readonly Dictionary<Type, (string Parameter, Probe Read)> Pages = new()
    {
        [typeof(Vehicles.VehiclePage)] = ("Vin", (s, id, ct) => Use<GetVehicle>(s).HandleAsync(id, ct)),
        [typeof(Users.UserPage)] = ("Username", (s, id, ct) => Use<GetUser>(s).HandleAsync(id, ct)),
        [typeof(Permissions.PermissionGroupPage)] = ("GroupId", (s, id, ct) => Use<GetPermissionGroup>(s).HandleAsync(int.Parse(id, CultureInfo.InvariantCulture), ct)),
        [typeof(Authorities.AuthorityPage)] = ("Id", (s, id, ct) => Use<GetAuthority>(s).HandleAsync(int.Parse(id, CultureInfo.InvariantCulture), ct)),
        [typeof(Provisioning.BulkJobPage)] = ("JobId",
            (s, id, ct) => Use<GetBulkProvisioningJob>(s).HandleAsync(long.Parse(id, CultureInfo.InvariantCulture), new BulkRowQuery(PageSize: 1), ct)),
        [typeof(Recalls.RecallPage)] = ("Id", (s, id, ct) => Use<GetRecall>(s).HandleAsync(int.Parse(id, CultureInfo.InvariantCulture), ct)),
    };

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [Inject] private IServiceProvider Services { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (HttpContext is not { Response.HasStarted: false } http)
            return;
        var page = http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        if (page is null || !Pages.TryGetValue(page, out var entry) || http.Request.RouteValues[entry.Parameter] is not string id)
            return;
        try
        {
            await entry.Read(Services, id, http.RequestAborted);
        }
        // A malformed id names nothing either.
        catch (DomainException e) when (e is NotFoundException or ValidationFailedException)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }
        // Any other refusal (not allowed, not signed in, a store that is down) is the page's to explain, with the usual status.
        catch (DomainException)
        {
        }
    }

    // The page's use case, run for the signed-in user, but without writing refusals to the audit log: this check only
    // decides the status code, and the page's own load, a moment later in the circuit, records what it is refused.
    private static T Use<T>(IServiceProvider services) where T : class =>
        ActivatorUtilities.CreateInstance<T>(services, new UnrecordedRefusals(services.GetRequiredService<ICurrentUser>()));

    private sealed class UnrecordedRefusals(ICurrentUser user) : ICurrentUser
    {
        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => user.GetUsernameAsync(ct);

        public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => user.GetPermissionsAsync(ct);

        public Task<Guid?> GetSessionIdAsync(CancellationToken ct = default) => user.GetSessionIdAsync(ct);

        public Task RecordRefusalAsync(string username, string requirement, string? entityType, string? entityId, CancellationToken ct = default) =>
            Task.CompletedTask;
    }
}
