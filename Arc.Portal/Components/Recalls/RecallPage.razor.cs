using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Domain.Users;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Recalls;

/// <summary>One recall campaign: its fields, edit and delete, and its remedy (spec/portal.md <c>/recalls/:id</c>).</summary>
public sealed partial class RecallPage
{
    private RecallView? _view;
    private HashSet<string> _can = [];
    private string? _missing;
    private string? _createdBy;
    private FormState _action = default!;
    private RecallCompletionPanel? _completion;
    private RecallVehiclesPanel? _vehicles;

    [Parameter] public int Id { get; set; }

    [Inject] private GetRecall Get { get; set; } = default!;
    [Inject] private GetUser Users { get; set; } = default!;
    [Inject] private DeleteRecall Delete { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string? Subtitle => _view?.Recall is not { } r ? null
        : $"Recall {r.Id} · created {r.CreatedAt.UtcDateTime:yyyy-MM-dd} by {_createdBy ?? r.CreatedBy}{(r.Status == RecallStatus.Deleted ? " · deleted" : "")}";

    protected override void OnInitialized() => _action = new FormState(Errors);

    protected override async Task OnParametersSetAsync()
    {
        _can = (await CurrentUser.GetPermissionsAsync()).ToHashSet();
        _view = null;
        _missing = null;
        _createdBy = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _view = await Get.HandleAsync(Id);
            _missing = null;
            _createdBy ??= await Users.DisplayAsync(_view.Recall.CreatedBy, _can.Contains(Perm.UserRead));
        }
        catch (NotFoundException)
        {
            _missing = "This recall does not exist.";
        }
    }

    private async Task EditAsync()
    {
        if (_view is null)
            return;
        _action.Clear();
        var parameters = new DialogParameters<RecallDialog> { { d => d.Existing, _view.Recall } };
        var dialog = await Dialogs.ShowAsync<RecallDialog>("Edit recall", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        await dialog.Result;
        // Saved or not, the page shows what is stored now: a refused save (someone else's came first) shows their change.
        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        if (_view is null)
            return;
        var r = _view.Recall;
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete recall {r.NhtsaNumber}?",
            $"{r.Title} leaves the list and the public lookup. It is kept, marked deleted, for the record, and takes no more changes.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _action.RunAsync(() => Delete.HandleAsync(Id)))
        {
            Snackbar.Add($"Recall {r.NhtsaNumber} deleted.", Severity.Success);
            Navigation.NavigateTo("recalls");
        }
    }
}
