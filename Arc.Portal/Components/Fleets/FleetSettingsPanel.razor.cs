using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Locations;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Fleets;

/// <summary>
/// Shows and edits a fleet's type, location and department code; a null choice (cleared) takes the setting away. Made
/// to sit on the fleet's page; without fleets.group.write it shows the settings read-only.
/// </summary>
public partial class FleetSettingsPanel
{
    private FleetSettings? _settings;
    private FormState _form = default!;
    private IReadOnlyList<FleetTypeView> _types = [];
    private IReadOnlyList<LocationView> _locations = [];
    private IReadOnlyList<DepartmentCodeView> _codes = [];
    private bool _canWrite;

    [Parameter, EditorRequired] public int FleetId { get; set; }

    [Inject] private GetFleetSettings Get { get; set; } = default!;
    [Inject] private ListFleetTypes Types { get; set; } = default!;
    [Inject] private ListLocations Locations { get; set; } = default!;
    [Inject] private ListDepartmentCodes Codes { get; set; } = default!;
    [Inject] private SetFleetType SetType { get; set; } = default!;
    [Inject] private SetFleetLocation SetLocation { get; set; } = default!;
    [Inject] private SetFleetDepartmentCode SetDepartmentCode { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _form = new(Errors, "type", "location", "departmentCode");
        _canWrite = await CurrentUser.HasAsync(Perm.FleetWrite);
        await _form.RunAsync(async () =>
        {
            _types = await Types.HandleAsync();
            // The picker offers the first page of locations by name: enough for the sites a company has.
            _locations = (await Locations.HandleAsync(new LocationQuery(PageSize: Paging.MaxPageSize))).Items;
            _codes = await Codes.HandleAsync();
            _settings = await Get.HandleAsync(FleetId);
        });
    }

    // What the closed selects show: names, not ids. A location beyond the picker's page still shows the fleet's own.
    private string? TypeName(int? id) => _types.FirstOrDefault(t => t.Id == id) is { } t ? Capitalised(t.Name) : null;

    private string? LocationName(int? id) =>
        _locations.FirstOrDefault(l => l.Id == id)?.Name ?? (id is not null && id == _settings?.LocationId ? _settings.Location : null);

    private string? DepartmentName(int? id) => _codes.FirstOrDefault(c => c.Id == id) is { } c ? $"{c.Code} · {c.Description}" : null;

    private static string Capitalised(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private Task SetTypeAsync(int? typeId) => ChangeAsync(() => SetType.HandleAsync(FleetId, typeId), typeId is null ? "Fleet type removed." : "Fleet type set.");

    private Task SetLocationAsync(int? locationId) =>
        ChangeAsync(() => SetLocation.HandleAsync(FleetId, locationId), locationId is null ? "Location removed." : "Location set.");

    private Task SetDepartmentCodeAsync(int? codeId) =>
        ChangeAsync(() => SetDepartmentCode.HandleAsync(FleetId, codeId), codeId is null ? "Department code removed." : "Department code set.");

    private async Task ChangeAsync(Func<Task> change, string done)
    {
        if (await _form.RunAsync(change))
            Snackbar.Add(done, Severity.Success);
        try
        {
            // Shows what the fleet has now, whether the change went through or not.
            _settings = await Get.HandleAsync(FleetId);
        }
        catch (DomainException e)
        {
            Snackbar.Add(Errors.Describe(e), Severity.Error);
        }
    }
}
