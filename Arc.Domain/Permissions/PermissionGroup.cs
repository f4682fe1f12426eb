namespace Arc.Domain.Permissions;

/// <summary>A permission group ("role group"); users get permissions only through groups. Group 1 is protected.</summary>
public class PermissionGroup : Common.IVersioned
{
    public const int AdministratorGroupId = 1;

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string MachineName { get; set; }
    /// <summary>The row version; it changes with the group, its permissions and its members.</summary>
    public uint Version { get; set; }

    public bool IsProtected => Id == AdministratorGroupId;
}

public class PermissionEntry
{
    public const string AnyResource = "*";

    public required string Name { get; set; }
    public string Resource { get; set; } = AnyResource;
    public string? Description { get; set; }
}

public class GroupPermission
{
    public required string Permission { get; set; }
    public string Resource { get; set; } = PermissionEntry.AnyResource;
    public int GroupId { get; set; }
}

public class GroupMember
{
    public required string Username { get; set; }
    public int GroupId { get; set; }
}
