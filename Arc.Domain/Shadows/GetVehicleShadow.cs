using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Shadows;

public sealed record VehicleShadowView(ShadowDocument? Shadow, ShadowSync Status);

/// <summary>A vehicle's shadow: desired, reported and delta with their ages, and whether the vehicle is in sync.</summary>
public sealed class GetVehicleShadow(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IDeviceShadows shadows,
    ManagedSessions.ManagedPinVisibility visibility) : IUseCase
{
    public async Task<VehicleShadowView> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using (var data = dataFactory.Open())
            await VehicleAccess.RequireReadAsync(data, user, username, vin, ct);
        var shadow = await shadows.GetAsync(vin, ct);
        // The managed-session PIN is shown only to those who may see managed sessions.
        return await visibility.ApplyAsync(new VehicleShadowView(shadow, ShadowStatus.Of(shadow)), ct);
    }
}
