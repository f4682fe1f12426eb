using System.Globalization;
using Arc.Domain.Audit;

namespace Arc.Portal.Components.Audit;

/// <summary>The portal page of an audited entity, for the kinds that have one (the routes of their pages).</summary>
public static class AuditEntityPages
{
    public static string? Href(string entityType, string entityId)
    {
        if (string.IsNullOrWhiteSpace(entityId))
            return null;
        var id = Uri.EscapeDataString(entityId);
        return entityType switch
        {
            AuditEntityTypes.Vehicle => $"vehicles/{id}",
            // Failed sign-ins for an address nobody has are recorded against "unknown", which is no account.
            AuditEntityTypes.User when entityId != AuditTrail.UnknownUser => $"users/{id}",
            AuditEntityTypes.Authority when IsNumber(entityId) => $"authorities/{id}",
            AuditEntityTypes.PermissionGroup when IsNumber(entityId) => $"permission-groups/{id}",
            AuditEntityTypes.BulkProvisioningJob when IsNumber(entityId) => $"vehicles/provision/bulk/{id}",
            Arc.Domain.Fleets.FleetAuditActions.EntityType when IsNumber(entityId) => $"fleets/{id}",
            _ => null,
        };
    }

    private static bool IsNumber(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
