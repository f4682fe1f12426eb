using Arc.Domain.Common;
using Arc.Domain.Locations;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Locations;

/// <summary>A location's page: its address and position to edit, its accounting code, the fleets at it, and delete.</summary>
public partial class LocationPage
{
    private LocationDetails? _details;
    private LocationModel _model = new();
    private FormState _form = default!;
    private FormState _code = default!;
    private IReadOnlyList<AddressTypeView> _types = [];
    private IReadOnlyList<Country> _countries = [];
    private IReadOnlyList<LocationCodeView> _codes = [];
    private bool _canEdit;
    private string? _missing;
    private string? _createdBy;

    [Parameter] public int Id { get; set; }

    [Inject] private GetLocation Get { get; set; } = default!;
    [Inject] private UpdateLocation Update { get; set; } = default!;
    [Inject] private DeleteLocation Delete { get; set; } = default!;
    [Inject] private SetLocationCode SetCode { get; set; } = default!;
    [Inject] private ListAddressTypes AddressTypes { get; set; } = default!;
    [Inject] private ListCountries Countries { get; set; } = default!;
    [Inject] private ListLocationCodes Codes { get; set; } = default!;
    [Inject] private GetUser Users { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _form = new(Errors, LocationModel.Fields);
        _code = new(Errors);
        _canEdit = await CurrentUser.HasAsync(Perm.LocationUpdate);
        _types = await AddressTypes.HandleAsync();
        _countries = await Countries.HandleAsync();
        _codes = await Codes.HandleAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _details = await Get.HandleAsync(Id);
            _model = LocationModel.From(_details.Location.ToDraft());
            _createdBy = await Users.DisplayAsync(_details.Location.CreatedBy, await CurrentUser.HasAsync(Perm.UserRead));
        }
        catch (NotFoundException)
        {
            _missing = "This location does not exist; it may have been deleted.";
        }
    }

    private Task ResetAsync()
    {
        _form.Clear();
        return LoadAsync();
    }

    private async Task SaveAsync()
    {
        if (_details is null)
            return;
        if (await _form.RunAsync(() => Update.HandleAsync(Id, _model.ToDraft(), _details.Location.Version)))
        {
            Snackbar.Add($"Location {_model.Name?.Trim()} saved.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SetCodeAsync(int? codeId)
    {
        if (await _code.RunAsync(() => SetCode.HandleAsync(Id, codeId)))
            Snackbar.Add(codeId is null ? "Location code removed." : "Location code set.", Severity.Success);
        await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        if (_details is null)
            return;
        var fleets = _details.Fleets.Count;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this location?",
            $"{_details.Location.Name} goes for good." + (fleets > 0 ? $" {fleets} fleet{(fleets == 1 ? "" : "s")} at it will have no location." : ""),
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _form.RunAsync(() => Delete.HandleAsync(Id)))
        {
            Snackbar.Add($"Location {_details.Location.Name} deleted.", Severity.Success);
            Navigation.NavigateTo("locations");
        }
    }
}
