using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Microsoft.AspNetCore.Components;

namespace Arc.Portal.Components.Vehicles;

/// <summary>
/// A vehicle with the tabs of spec/portal.md §1.4 that have data so far. The open tab is kept in <c>?tab=</c>;
/// a key that names no tab shows a notice and the first tab.
/// </summary>
public partial class VehiclePage
{
    public sealed record TabInfo(string Key, string Label);

    private static readonly TabInfo[] AllTabs =
    [
        new("fleets", "Fleets"),
        new("notes", "Notes"),
        new("parts", "Parts"),
        new("registration", "Registration"),
        new("history", "History"),
    ];

    private Arc.Domain.Vehicles.VehicleDetail? _vehicle;
    private string? _message;
    private bool _denied;
    private string? _loadedVin;
    private TabInfo[] _tabs = AllTabs;
    private int _activeIndex;
    private string? _unknownTab;
    private bool _canList;

    [Parameter] public string Vin { get; set; } = "";
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [Inject] private GetVehicle GetVehicle { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string? Subtitle => _vehicle is null ? null : $"{_vehicle.ModelName ?? "Vehicle"} · {_vehicle.ReleaseDescription ?? "no model release"}";

    public static IReadOnlyList<string> TabKeys => AllTabs.Select(t => t.Key).ToList();

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedVin != Vin)
        {
            _loadedVin = Vin;
            await LoadAsync();
        }
        SelectTab(Tab);
    }

    private async Task LoadAsync()
    {
        _vehicle = null;
        _message = null;
        _denied = false;
        // The "Vehicles" crumb links to the list only for those who may open it (spec/portal.md §8.2).
        _canList = await CurrentUser.HasAsync(Perm.VehicleRead);
        try
        {
            _vehicle = await GetVehicle.HandleAsync(Vin);
            var canReadAudit = await CurrentUser.HasAsync(Perm.AuditRead);
            _tabs = AllTabs.Where(t => t.Key != "history" || canReadAudit).ToArray();
        }
        catch (PermissionDeniedException)
        {
            _denied = true;
            _message = "You may not view this vehicle: it needs the permission vehicles.vehicle.read or membership of a fleet that holds it.";
        }
        catch (DomainException e)
        {
            _message = e.Message;
        }
    }

    private void SelectTab(string? key)
    {
        _unknownTab = null;
        if (string.IsNullOrEmpty(key))
        {
            _activeIndex = 0;
            return;
        }
        var index = Array.FindIndex(_tabs, t => t.Key == key);
        if (index < 0)
        {
            _unknownTab = key.Length > 40 ? key[..40] + "…" : key;
            _activeIndex = 0;
            return;
        }
        _activeIndex = index;
    }

    private void TabChanged(int index)
    {
        if (index < 0 || index >= _tabs.Length)
            return;
        _activeIndex = index;
        _unknownTab = null;
        var uri = Navigation.GetUriWithQueryParameter("tab", _tabs[index].Key);
        Navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = true });
    }
}
