using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <summary>
/// Signs a vehicle access token with an authority that controls the vehicle (spec/backend.md §4.3). The caller needs
/// authorities.vehicle.sign and must act for the authority: be a member of it or of an authority above it.
/// The token's content is audited (it carries no secret); the signature is not.
/// </summary>
public sealed class SignVehicleToken(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IKeyVault vault,
    AuditTrail audit, IRateLimits limits) : IUseCase
{
    public async Task<string> HandleAsync(int authorityId, string? tokenJson, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityVehicleSign, ct);
        await limits.RequireAsync(username, RateLimitedOperations.TokenSigning, ct);
        var (payload, vinText) = VehicleToken.Prepare(tokenJson);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        if (vin != vinText)
            throw new ValidationFailedException("token", $"The token's vin must be written exactly as stored: {vin}.");

        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, authorityId, ct);
        // Membership first: someone outside the authority learns nothing about which vehicles it holds.
        await AuthorityRules.RequireActsForAsync(data, user, username, authorityId, ct);
        if (!await AuthorityRules.IsKnownAsync(data, vin, ct))
            throw new NotFoundException("Vehicle", vin);
        if (!await AuthorityRules.ControlsAsync(data, authorityId, vin, ct))
            throw new ValidationFailedException("authority", $"Authority id {authorityId} does not control vin {vin}.");

        var pem = await vault.UnsealAsync(new SealedSecret(authority.KeyReference, authority.EncryptedPrivateKey), SealContext.AuthorityKey(authority.PublicKey), ct);
        string token;
        try
        {
            using var key = AuthorityKeyPair.LoadPrivate(pem);
            token = VehicleToken.Sign(payload, key);
        }
        finally
        {
            Array.Clear(pem);
        }
        audit.Record(data, username, AuditActions.TokenSigned, AuditEntityTypes.Vehicle, vin,
            new { authority = authorityId, payload });
        await data.SaveChangesAsync(ct);
        return token;
    }
}
