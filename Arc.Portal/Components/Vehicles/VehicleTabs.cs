using System.Reflection;
using Arc.Domain.Vehicles;

namespace Arc.Portal.Components.Vehicles;

/// <summary>What a vehicle page needs to know of one of its tabs.</summary>
/// <param name="Key">The tab's name in <c>?tab=</c> and in the <c>default_vehicle_tab</c> preference.</param>
/// <param name="Order">Where the tab sits among the others (spec/portal.md §1.4 order).</param>
/// <param name="Permission">The permission the tab needs beyond reading the vehicle, if any.</param>
public sealed record VehicleTab(string Key, string Title, int Order, string? Permission = null)
{
    /// <summary>The tab component's parameters for a vehicle; most tabs take only its VIN.</summary>
    public Func<VehicleDetail, IDictionary<string, object?>> Parameters { get; init; } =
        vehicle => new Dictionary<string, object?> { ["Vin"] = vehicle.Vin };
}

/// <summary>
/// A component that is a tab of the vehicle page. Implementing it is all a new tab needs: the page finds every
/// implementation in this assembly, shows those the user may see and renders the chosen one.
/// </summary>
public interface IVehicleTab
{
    static abstract VehicleTab Tab { get; }
}

/// <summary>The vehicle page's tabs, found once by their <see cref="IVehicleTab"/> marker.</summary>
public static class VehicleTabs
{
    public sealed record Registration(VehicleTab Tab, Type Component);

    public static IReadOnlyList<Registration> All { get; } = Discover();

    /// <summary>The tab a vehicle page opens on when neither the link nor the user's preference names one.</summary>
    public const string DefaultKey = "fleets";

    public static IReadOnlyList<Registration> VisibleWith(IReadOnlySet<string> permissions) =>
        All.Where(r => r.Tab.Permission is null || permissions.Contains(r.Tab.Permission)).ToList();

    private static List<Registration> Discover()
    {
        var tabs = typeof(IVehicleTab).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IVehicleTab).IsAssignableFrom(t))
            .Select(t => new Registration(
                (VehicleTab)t.GetProperty(nameof(IVehicleTab.Tab), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!, t))
            .OrderBy(r => r.Tab.Order)
            .ToList();
        var clash = tabs.GroupBy(r => r.Tab.Key).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InvalidOperationException($"Two vehicle tabs share the key \"{clash.Key}\": {string.Join(", ", clash.Select(r => r.Component.Name))}.");
        return tabs;
    }
}
