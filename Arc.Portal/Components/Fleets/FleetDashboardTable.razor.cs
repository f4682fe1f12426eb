using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Fleets;

/// <summary>
/// The dashboard's table. Its rows come from the dashboard already read (so from the same permission check); the
/// filters narrow them in the circuit, and the export writes exactly the filtered rows, in the table's order.
/// </summary>
public partial class FleetDashboardTable
{
    public const string Reporting = "reporting";
    public const string Silent = "silent";
    public const int MaxTextLength = 40;

    private string? _state;
    private string? _text;
    private List<FleetDashboardVehicle> _rows = [];

    [Parameter, EditorRequired] public FleetDashboard Dashboard { get; set; } = default!;

    private string FileName => $"fleet-{Dashboard.FleetId.ToString(CultureInfo.InvariantCulture)}-vehicles";

    private string Shown => _rows.Count == Dashboard.Vehicles.Count
        ? $"All {_rows.Count:N0} vehicles."
        : $"{_rows.Count:N0} of {Dashboard.Vehicles.Count:N0} vehicles match the filters.";

    protected override void OnParametersSet() => Filter();

    private void StateChanged(string? state)
    {
        _state = state;
        Filter();
    }

    private void TextChanged(string? text)
    {
        // A circuit message can carry anything: the text is cut to what the field allows.
        _text = text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;
        Filter();
    }

    private void Filter() => _rows = Apply(Dashboard.Vehicles, _state, _text).ToList();

    /// <summary>The rows a state filter (an activity, "reporting" or "silent") and a text (in the VIN or model, any case) leave.</summary>
    public static IEnumerable<FleetDashboardVehicle> Apply(IEnumerable<FleetDashboardVehicle> rows, string? state, string? text)
    {
        rows = state switch
        {
            null or "" => rows,
            Reporting => rows.Where(r => FleetActivityRules.IsReporting(r.Activity)),
            Silent => rows.Where(r => FleetActivityRules.IsSilent(r.Activity)),
            _ when Enum.TryParse<VehicleActivity>(state, out var activity) && Enum.IsDefined(activity) => rows.Where(r => r.Activity == activity),
            _ => [],
        };
        var term = text?.Trim();
        return string.IsNullOrEmpty(term) ? rows
            : rows.Where(r => r.Vin.Contains(term, StringComparison.OrdinalIgnoreCase) || (r.Model?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false));
    }

    private Task<Page<FleetDashboardVehicle>> ReadPageAsync(int index, int size, CancellationToken ct) =>
        Task.FromResult(new Page<FleetDashboardVehicle>(_rows.Skip(index * size).Take(size).ToList(), _rows.Count, index, size));

    private static Color ColorOf(VehicleActivity activity) => activity switch
    {
        VehicleActivity.Moving => Color.Success,
        VehicleActivity.Charging => Color.Info,
        VehicleActivity.Parked => Color.Primary,
        VehicleActivity.Quiet => Color.Default,
        _ => Color.Warning,
    };

    public static IReadOnlyList<CsvColumn<FleetDashboardVehicle>> Columns { get; } =
    [
        new("VIN", r => r.Vin),
        new("Model", r => r.Model),
        new("State", r => FleetActivityRules.Label(r.Activity)),
        new("Last report (UTC)", r => r.LastSeen?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        new("Charge (%)", r => r.Soc?.ToString("0", CultureInfo.InvariantCulture)),
        new("Odometer (mi)", r => r.OdometerMiles?.ToString("0", CultureInfo.InvariantCulture)),
        new("Active alarms", r => r.ActiveAlarms.ToString(CultureInfo.InvariantCulture)),
    ];
}
