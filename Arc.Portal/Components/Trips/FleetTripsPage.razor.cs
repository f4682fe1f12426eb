using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Trips;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Arc.Portal.Components.Trips;

/// <summary>The trips of a fleet's vehicles over a range of at most a week, <see cref="GetFleetTrips.PageSize"/> vehicles a page.</summary>
public sealed partial class FleetTripsPage
{
    private static readonly (string Label, TimeSpan Length)[] Presets = [("24h", TimeSpan.FromDays(1)), ("7d", TimeSpan.FromDays(7))];

    private FleetTripReport? _report;
    private FleetVehicleTrips? _vehicle;
    private Trip? _trip;
    private (DateTimeOffset From, DateTimeOffset To) _range;
    private int _page;
    private bool _loading;
    private string? _error;
    private string? _denied;

    [Parameter] public int FleetId { get; set; }

    [Inject] private GetFleetTrips Trips { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    protected override Task OnParametersSetAsync()
    {
        (_range, _page) = (RangePicker.Ending(Time, TimeSpan.FromDays(1)), 0);
        return LoadAsync();
    }

    private string Summary
    {
        get
        {
            var report = _report!;
            var trips = report.Vehicles.Sum(v => v.TripCount);
            var km = report.Vehicles.Sum(v => v.DistanceKm);
            var first = report.Page * GetFleetTrips.PageSize + 1;
            var shown = report.Vehicles.Count == 0 ? "no vehicles" : $"vehicles {first:N0}–{first + report.Vehicles.Count - 1:N0} of {report.VehicleCount:N0}";
            return string.Create(CultureInfo.InvariantCulture,
                $"{shown} · {trips} {(trips == 1 ? "trip" : "trips")} · {km:0.#} km · {report.From:yyyy-MM-dd HH:mm} to {report.To:yyyy-MM-dd HH:mm}");
        }
    }

    private Task RangeChangedAsync((DateTimeOffset From, DateTimeOffset To) range)
    {
        (_range, _page) = (range, 0);
        return LoadAsync();
    }

    private Task PageChangedAsync(int page)
    {
        _page = page - 1;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        (_error, _vehicle, _trip, _loading) = (null, null, null, true);
        try
        {
            _report = await Trips.HandleAsync(FleetId, _range.From, _range.To, _page);
        }
        catch (PermissionDeniedException e)
        {
            (_report, _denied) = (null, e.Message);
        }
        catch (DomainException e)
        {
            (_report, _error) = (null, Errors.Describe(e));
        }
        finally
        {
            _loading = false;
        }
    }

    // Only a vehicle or trip of the report on screen: a forged circuit message cannot name another.
    private void ChooseVehicle(FleetVehicleTrips vehicle) => (_vehicle, _trip) = (_report?.Vehicles.FirstOrDefault(v => v == vehicle), null);

    private void ChooseTrip(Trip trip) => _trip = _vehicle?.Report.Trips.FirstOrDefault(t => t == trip);
}
