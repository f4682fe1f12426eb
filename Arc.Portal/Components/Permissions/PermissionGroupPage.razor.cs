using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Permissions;

/// <summary>
/// One permission group: its name, the permissions it gives and its members. Every change is checked against the
/// version the page read; a refusal shows above the group and the group is read again after a success.
/// </summary>
public partial class PermissionGroupPage
{
    private GroupDetail? _group;
    private HashSet<string> _can = [];
    private string? _name;
    private string? _permission;
    private string? _memberEmail;
    private string? _loadError;
    private FormState _form = default!;

    [Parameter] public int GroupId { get; set; }

    [Inject] private GetPermissionGroup Get { get; set; } = default!;
    [Inject] private RenamePermissionGroup Rename { get; set; } = default!;
    [Inject] private DeletePermissionGroup Delete { get; set; } = default!;
    [Inject] private SetGroupPermission SetPermission { get; set; } = default!;
    [Inject] private SetUserGroup SetMember { get; set; } = default!;
    [Inject] private AddUserToGroupByEmail AddMember { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private bool CanEditMembers => _can.Contains(Perm.UserWrite) && _can.Contains(Perm.GroupWrite) && _can.Contains(Perm.UsersRead);

    protected override void OnInitialized() => _form = new(Errors);

    protected override async Task OnParametersSetAsync()
    {
        _can = (await CurrentUser.GetPermissionsAsync()).ToHashSet();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _group = await Get.HandleAsync(GroupId);
            _name = _group.Name;
        }
        catch (NotFoundException e)
        {
            _loadError = e.Message;
        }
    }

    // Every change sends the version the page read, so a change made meanwhile by someone else is not overwritten.
    private Task RenameAsync() => ActAsync(() => Rename.HandleAsync(GroupId, _name, _group!.RowVersion));

    private Task AddPermissionAsync() => ActAsync(async () =>
    {
        await SetPermission.HandleAsync(GroupId, _permission!, granted: true, _group!.RowVersion);
        _permission = null;
    });

    private Task RemovePermissionAsync(string permission) => ActAsync(() => SetPermission.HandleAsync(GroupId, permission, granted: false, _group!.RowVersion));

    private Task AddMemberAsync() => ActAsync(async () =>
    {
        await AddMember.HandleAsync(_memberEmail, GroupId, _group!.RowVersion);
        _memberEmail = null;
    });

    private async Task RemoveMemberAsync(GroupMemberView member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Remove {member.Name}?", $"{member.Name} loses the permissions of {_group!.Name}.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed == true)
            await ActAsync(() => SetMember.HandleAsync(member.Username, GroupId, member: false, groupVersion: _group.RowVersion));
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this permission group?",
            $"Its {_group!.Members.Count} members lose the permissions it gives them. This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        await ActAsync(async () =>
        {
            await Delete.HandleAsync(GroupId);
            Navigation.NavigateTo("permission-groups");
        });
    }

    private Task ActAsync(Func<Task> action) => _form.RunAsync(async () =>
    {
        await action();
        await LoadAsync();
    });
}
