using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Shadows;

/// <param name="Retry">Set while a change could not reach the shadow and the portal is still trying (see <see cref="RepublishShadows"/>).</param>
public sealed record VehicleShadowView(ShadowDocument? Shadow, ShadowSync Status, PendingShadowPublish? Retry = null);

/// <summary>A vehicle's shadow: desired, reported and delta with their ages, and whether the vehicle is in sync.</summary>
public sealed class GetVehicleShadow(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IDeviceShadows shadows) : IUseCase
{
    public async Task<VehicleShadowView> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        PendingShadowPublish? retry;
        await using (var data = dataFactory.Open())
        {
            await VehicleAccess.RequireReadAsync(data, user, username, vin, ct);
            retry = await data.FirstOrDefaultAsync(data.PendingShadowPublishes.Where(p => p.Vin == vin), ct);
        }
        var shadow = await shadows.GetAsync(vin, ct);
        return new VehicleShadowView(shadow, ShadowStatus.Of(shadow), retry);
    }
}

/// <summary>"Push configuration now": rebuilds the desired state from the database and writes it to the shadow.</summary>
public sealed class PushVehicleConfiguration(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment,
    ShadowPublisher publisher, AuditTrail audit) : IUseCase
{
    public async Task<ShadowDocument> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        var document = await publisher.PublishAsync(data, vin, ct);
        // The shadow is up to date now, so nothing is left for the retry job.
        if (await data.FirstOrDefaultAsync(data.PendingShadowPublishes.Where(p => p.Vin == vin), ct) is { } pending)
            data.Remove(pending);
        audit.Record(data, username, AuditActions.ShadowPushed, AuditEntityTypes.Vehicle, vin, new { version = document.Version });
        await data.SaveChangesAsync(ct);
        return document;
    }
}
