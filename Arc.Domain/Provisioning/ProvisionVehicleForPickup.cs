using System.Text;
using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Domain.Provisioning;

/// <summary>A provisioning run's outcome without its secrets, and until when its identity file can be collected.</summary>
public sealed record ProvisionedForPickup(ProvisionResult Run, DateTimeOffset? IdentityUntil);

/// <summary>
/// Provisions a vehicle as <see cref="ProvisionVehicle"/> does, for a caller that is not a page (the factory line through
/// the API): the identity file is sealed and kept for one collection by the same caller instead of being answered, so
/// the answer can be stored and replayed to a retry without ever holding the device's private key.
/// </summary>
public sealed class ProvisionVehicleForPickup(ProvisionVehicle provision, IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault,
    TimeProvider time) : IUseCase
{
    public async Task<ProvisionedForPickup> HandleAsync(ProvisionRequest request, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Permissions.Perm.VehicleProvision, ct);
        var result = await provision.HandleAsync(request, ct);
        var secretless = result with { Pin = null, CertificatePem = null, PrivateKeyPem = null, IdentityFile = null };
        if (!result.Succeeded || result.IdentityFile is null)
            return new ProvisionedForPickup(secretless, null);

        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var pickup = new IdentityPickup { Vin = result.Vin, RunId = result.RunId, CreatedBy = actor, CreatedAt = now, ExpiresAt = now + IdentityPickup.KeepFor };
        await data.AssignIdAsync(pickup, ct);
        var plain = Encoding.UTF8.GetBytes(result.IdentityFile);
        try
        {
            var sealedFile = await vault.SealAsync(plain, SealContext.IdentityPickup(pickup.Id), ct: ct);
            (pickup.KeyReference, pickup.Ciphertext) = (sealedFile.KeyReference, sealedFile.Ciphertext);
        }
        finally
        {
            Array.Clear(plain);
        }
        data.Add(pickup);
        await data.SaveChangesAsync(ct);
        return new ProvisionedForPickup(secretless, pickup.ExpiresAt);
    }
}
