using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Tsbs;
using Arc.Domain.Users;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Tsbs;

/// <summary>One technical service bulletin: its fields, edit and delete, its PDF files and its notes.</summary>
public sealed partial class TsbPage
{
    private TsbDetail? _detail;
    private HashSet<string> _can = [];
    private string? _missing;
    private FormState _action = default!;
    private string? _createdBy;
    // Bumped on every reload, so the notes panel reads again and shows the system note of the change just made.
    private int _notesVersion;

    [Parameter] public int Id { get; set; }

    [Inject] private GetTsb Get { get; set; } = default!;
    [Inject] private DeleteTsb Delete { get; set; } = default!;
    [Inject] private GetUser Users { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string? Subtitle => _detail?.View.Tsb is not { } t ? null
        : $"Bulletin {t.Id} · created {t.CreatedAt.UtcDateTime:yyyy-MM-dd} by {_createdBy ?? t.CreatedBy}{(t.Status == TsbStatus.Deleted ? " · deleted" : "")}";

    protected override void OnInitialized() => _action = new FormState(Errors);

    protected override async Task OnParametersSetAsync()
    {
        _can = (await CurrentUser.GetPermissionsAsync()).ToHashSet();
        (_detail, _missing, _createdBy) = (null, null, null);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _detail = await Get.HandleAsync(Id);
            _missing = null;
            _notesVersion++;
            _createdBy ??= await Users.DisplayAsync(_detail.View.Tsb.CreatedBy, _can.Contains(Perm.UserRead));
        }
        catch (NotFoundException)
        {
            _missing = "This bulletin does not exist.";
        }
    }

    private async Task EditAsync()
    {
        if (_detail is null)
            return;
        _action.Clear();
        var parameters = new DialogParameters<TsbDialog> { { d => d.Existing, _detail.View.Tsb } };
        var dialog = await Dialogs.ShowAsync<TsbDialog>("Edit bulletin", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        await dialog.Result;
        // Saved or not, the page shows what is stored now: a refused save (someone else's came first) shows their change.
        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        if (_detail is null)
            return;
        var t = _detail.View.Tsb;
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete bulletin {t.Number}?",
            $"{t.Title} leaves the list and the pages of the vehicles it applies to. It is kept, marked deleted, with its files, for the record.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _action.RunAsync(() => Delete.HandleAsync(Id)))
        {
            Snackbar.Add($"Bulletin {t.Number} deleted.", Severity.Success);
            Navigation.NavigateTo("tsbs");
        }
    }
}
