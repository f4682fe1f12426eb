using System.Globalization;
using System.Text;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

/// <summary>
/// Hands out the identity file that <see cref="ProvisionVehicleForPickup"/> kept for a vehicle, once, to the caller that
/// provisioned it (permission vehicles.vehicle.provision); the sealed file is erased in the same save that audits the
/// collection. A second collection, another caller's, or one after expiry is refused with what happened.
/// </summary>
public sealed class CollectVehicleIdentity(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IKeyVault vault,
    AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<string> HandleAsync(string? vinText, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.VehicleProvision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var pickup = await data.FirstOrDefaultAsync(data.IdentityPickups.Where(p => p.Vin == vin).OrderByDescending(p => p.Id), ct)
            ?? throw new NotFoundException("Identity file to collect for vehicle", vin);
        if (pickup.CreatedBy != actor)
            throw new PermissionDeniedException("provisioned the vehicle", $"The identity file of {vin} is kept for the caller that provisioned it.");
        if (pickup.CollectedAt is { } collected)
            throw new ConflictException($"The identity file of {vin} was collected on {Stamp(collected)} and is given out once; provision the vehicle again for a new one.");
        if (pickup.Ciphertext is null || pickup.KeyReference is null || pickup.ExpiresAt <= now)
            throw new ConflictException($"The identity file of {vin} expired on {Stamp(pickup.ExpiresAt)} without being collected; provision the vehicle again for a new one.");

        var plain = await vault.UnsealAsync(new SealedSecret(pickup.KeyReference, pickup.Ciphertext), SealContext.IdentityPickup(pickup.Id), ct);
        try
        {
            pickup.Ciphertext = null;
            pickup.KeyReference = null;
            pickup.CollectedAt = now;
            pickup.CollectedBy = actor;
            audit.Record(data, actor, AuditActions.VehicleIdentityCollected, AuditEntityTypes.Vehicle, vin,
                new { run = pickup.RunId, provisioned = pickup.CreatedAt });
            await data.SaveChangesAsync(ct);
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            Array.Clear(plain);
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
