namespace Arc.Portal.Auth;

/// <summary>
/// The one Entra tenant whose accounts may sign in. The multi-tenant authorities (<c>common</c>, <c>organizations</c>,
/// <c>consumers</c>) would let any Microsoft account in, and only a tenant id can be compared with a token's <c>tid</c>,
/// so the portal refuses to start without one.
/// </summary>
public static class EntraTenant
{
    public const string Setting = "AzureAd:TenantId";

    public static string Require(string? configured)
    {
        var value = configured?.Trim();
        if (string.IsNullOrEmpty(value))
            throw new InvalidOperationException($"Portal:Oidc:Provider is entra but {Setting} is missing. Set it to your tenant's id (a GUID).");
        if (value.ToLowerInvariant() is "common" or "organizations" or "consumers")
            throw new InvalidOperationException(
                $"{Setting} is '{value}', a multi-tenant authority that lets accounts of any organisation sign in. Set it to your tenant's id (a GUID).");
        if (!Guid.TryParse(value, out var tenant))
            throw new InvalidOperationException($"{Setting} must be your tenant's id (a GUID), not '{value}': tokens name their tenant by id.");
        return tenant.ToString("D");
    }
}
