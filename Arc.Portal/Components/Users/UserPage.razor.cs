using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Users;

/// <summary>
/// A user's header, actions and tabs. The open tab is kept in <c>?tab=</c>, falling back to the user's preferred tab.
/// </summary>
public partial class UserPage
{
    private static readonly string[] TabKeys = ["abilities", "fleets", "permission-groups", "permissions", "notes", "vehicles", "sessions"];
    private UserDetail? _user;
    private HashSet<string> _can = [];
    private bool _self;
    private string? _loadError;
    private int _activeIndex = 2;
    private bool _editing;
    private string? _avatar;
    private FormState _form = default!;

    [Parameter] public string Username { get; set; } = "";
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [Inject] private GetUser Get { get; set; } = default!;
    [Inject] private GetUserAvatar Avatars { get; set; } = default!;
    [Inject] private DeleteUser Delete { get; set; } = default!;
    [Inject] private GetMyPreferences Preferences { get; set; } = default!;
    [Inject] private ResendInvitation Resend { get; set; } = default!;
    [Inject] private SetUserEnabled Enable { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string Initials => string.Concat((_user!.DisplayName ?? _user.Email).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));

    protected override void OnInitialized() => _form = new(Errors);

    protected override async Task OnParametersSetAsync()
    {
        _can = (await CurrentUser.GetPermissionsAsync()).ToHashSet();
        _self = await CurrentUser.GetUsernameAsync() == Username;
        var preferred = Tab ?? (await Preferences.HandleAsync()).GetValueOrDefault(PreferenceKeys.DefaultUserTab);
        var index = Array.IndexOf(TabKeys, preferred ?? "");
        _activeIndex = index >= 0 ? index : 2;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _user = await Get.HandleAsync(Username);
            _avatar = _user.HasAvatar ? await Avatars.HandleAsync(Username) : null;
            _loadError = null;
        }
        catch (DomainException e) when (e is NotFoundException or PermissionDeniedException)
        {
            _loadError = e.Message;
        }
    }

    private void TabChanged(int index)
    {
        // MudTabs reports -1 while its panels are rebuilt (after a reload of the user); that is not a choice.
        if (index < 0 || index >= TabKeys.Length)
            return;
        _activeIndex = index;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", TabKeys[index]), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this user?",
            $"{_user!.DisplayName ?? _user.Email} loses their account, groups and fleets. The audit log keeps what they did. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        await ActAsync(async () =>
        {
            await Delete.HandleAsync(Username);
            Navigation.NavigateTo("users");
        });
    }

    private async Task SavedAsync()
    {
        _editing = false;
        await LoadAsync();
    }

    private async Task ResendAsync() => await ActAsync(async () =>
    {
        await Resend.HandleAsync(Username);
        Snackbar.Add($"A new invitation is on its way to {_user!.Email}.", Severity.Success);
    });

    private async Task SetEnabledAsync(bool enabled)
    {
        if (!enabled)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync("Disable this user?",
                $"{_user!.DisplayName ?? _user.Email} can no longer sign in, and pages they have open lose access within a minute.",
                yesText: "Disable", cancelText: "Cancel");
            if (confirmed != true)
                return;
        }
        await ActAsync(async () =>
        {
            await Enable.HandleAsync(Username, enabled, _user!.RowVersion);
            Snackbar.Add(enabled ? "User enabled." : "User disabled.", Severity.Success);
        });
    }

    // An action's refusal shows under the header; the user is read again after a success.
    private Task ActAsync(Func<Task> action) => _form.RunAsync(async () =>
    {
        await action();
        await LoadAsync();
    });
}
