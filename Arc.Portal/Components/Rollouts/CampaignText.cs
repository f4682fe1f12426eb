using Arc.Domain.Rollouts;
using MudBlazor;

namespace Arc.Portal.Components.Rollouts;

/// <summary>How campaigns and their vehicles read on the pages: labels, colours and the wave in words.</summary>
public static class CampaignText
{
    public static string Label(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "Draft",
        CampaignStatus.Running => "Running",
        CampaignStatus.Paused => "Paused",
        CampaignStatus.Completed => "Completed",
        CampaignStatus.Aborted => "Aborted",
        _ => status.ToString(),
    };

    public static Color ColorOf(CampaignStatus status) => status switch
    {
        CampaignStatus.Running => Color.Info,
        CampaignStatus.Paused => Color.Warning,
        CampaignStatus.Completed => Color.Success,
        CampaignStatus.Aborted => Color.Error,
        _ => Color.Default,
    };

    public static string Label(CampaignVehicleStatus status) => status switch
    {
        CampaignVehicleStatus.Queued => "Queued",
        CampaignVehicleStatus.Ineligible => "Not eligible yet",
        CampaignVehicleStatus.Dispatched => "Dispatched",
        CampaignVehicleStatus.Downloading => "Downloading",
        CampaignVehicleStatus.Installing => "Installing",
        CampaignVehicleStatus.Installed => "Installed",
        CampaignVehicleStatus.Failed => "Failed",
        CampaignVehicleStatus.TimedOut => "Timed out",
        _ => status.ToString(),
    };

    public static Color ColorOf(CampaignVehicleStatus status) => status switch
    {
        CampaignVehicleStatus.Installed => Color.Success,
        CampaignVehicleStatus.Failed or CampaignVehicleStatus.TimedOut => Color.Error,
        CampaignVehicleStatus.Ineligible => Color.Warning,
        CampaignVehicleStatus.Dispatched or CampaignVehicleStatus.Downloading or CampaignVehicleStatus.Installing => Color.Info,
        _ => Color.Default,
    };

    public static string Label(PopulationKind kind) => kind switch
    {
        PopulationKind.Model => "Model",
        PopulationKind.ModelRelease => "Model release",
        PopulationKind.Fleet => "Fleet",
        PopulationKind.FirmwareBelow => "Firmware older than a release",
        PopulationKind.Recall => "A recall's open vehicles",
        PopulationKind.Campaign => "Vehicles another campaign updated",
        _ => kind.ToString(),
    };

    /// <summary>"Fleet Internal testers", "Firmware older than a release 3f2a… (Display Firmware)"; the id where its name is gone.</summary>
    public static string Population(CampaignDetail campaign)
    {
        var what = campaign.PopulationName ?? campaign.PopulationId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var named = campaign.PopulationKind == PopulationKind.FirmwareBelow && what is { Length: > 12 } ? what[..12] + "…" : what;
        return Label(campaign.PopulationKind) + (named is null ? "" : " " + named)
            + (campaign.PopulationComponent is { } component ? $" ({component})" : "");
    }

    /// <summary>The campaign a rollback undoes, by name (its population is that campaign's vehicles), else by number.</summary>
    public static string RollsBack(CampaignDetail campaign, int source) =>
        campaign is { PopulationKind: PopulationKind.Campaign, PopulationName: { } name } && campaign.PopulationId == source ? name : $"Campaign {source}";

    /// <summary>"Wave 2 of 4"; waves are counted from one on the pages (the domain counts from zero).</summary>
    public static string WaveOf(int current, int count, CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => $"{count} wave{(count == 1 ? "" : "s")}, not started",
        CampaignStatus.Completed => $"All {count} done",
        _ => $"Wave {Math.Min(current + 1, count)} of {count}",
    };
}

/// <summary>What the page asks of a campaign it read.</summary>
public static class CampaignDetails
{
    /// <summary>Running or paused: it can be paused, resumed, retried or aborted.</summary>
    public static bool IsActive(this CampaignDetail campaign) => campaign.Status is CampaignStatus.Running or CampaignStatus.Paused;
}
