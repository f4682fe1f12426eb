using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Fleets;
using Arc.Domain.Models;
using Arc.Domain.Recalls;
using Arc.Domain.Rollouts;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Rollouts;

/// <summary>A choice in one of the form's lists: an id and how it reads.</summary>
public sealed record CampaignChoice(int Id, string Text);

public sealed partial class CampaignCreateDialog
{
    private static readonly PopulationKind[] PopulationKinds =
        [PopulationKind.Model, PopulationKind.ModelRelease, PopulationKind.Fleet, PopulationKind.FirmwareBelow, PopulationKind.Recall];

    private readonly CampaignModel _model = new();
    private FormState _form = default!;
    private IReadOnlyList<IGrouping<string, FirmwareReleaseRow>> _components = [];
    private IReadOnlyList<CampaignChoice> _models = [], _releases = [], _fleets = [], _recalls = [], _firmware = [];

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private CreateCampaign Create { get; set; } = default!;
    [Inject] private ListFirmwareReleases FirmwareReleases { get; set; } = default!;
    [Inject] private ListModels Models { get; set; } = default!;
    [Inject] private ListModelReleases ModelReleases { get; set; } = default!;
    [Inject] private ListFleets Fleets { get; set; } = default!;
    [Inject] private ListRecalls Recalls { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string ChoiceLabel => _model.PopulationKind switch
    {
        PopulationKind.Model => "Model",
        PopulationKind.ModelRelease => "Model release",
        PopulationKind.Fleet => "Fleet",
        PopulationKind.FirmwareBelow => "Recorded firmware older than",
        PopulationKind.Recall => "Recall",
        _ => "",
    };

    private IReadOnlyList<CampaignChoice> Choices => _model.PopulationKind switch
    {
        PopulationKind.Model => _models,
        PopulationKind.ModelRelease => _releases,
        PopulationKind.Fleet => _fleets,
        PopulationKind.FirmwareBelow => _firmware,
        PopulationKind.Recall => _recalls,
        _ => [],
    };

    protected override async Task OnInitializedAsync()
    {
        _form = new FormState(Errors, CampaignModel.Fields);
        // Each list is read only if the user may read it; a list they may not read stays empty rather than failing the form.
        if (await ReadAsync(() => FirmwareReleases.HandleAsync()) is { } firmware)
        {
            var rows = firmware.Current.Concat(firmware.Recent).DistinctBy(r => r.Id).OrderBy(r => r.Component, StringComparer.Ordinal)
                .ThenByDescending(r => r.Created).ToList();
            _components = rows.GroupBy(r => r.Component, StringComparer.Ordinal).ToList();
            _firmware = rows.Select(r => new CampaignChoice(r.Id, $"{r.Component} · {ReleaseText(r)}")).ToList();
        }
        if (await ReadAsync(() => Models.HandleAsync()) is { } models)
            _models = models.Select(m => new CampaignChoice(m.Id, m.ModelName)).ToList();
        if (await ReadAsync(() => ModelReleases.HandleAsync()) is { } releases)
            _releases = releases.Select(r => new CampaignChoice(r.ModelReleaseId, $"{r.ModelReleaseId} · {r.ModelName ?? "no model"} · {r.Description}")).ToList();
        if (await ReadAsync(() => Fleets.HandleAsync(new FleetQuery(PageSize: Paging.MaxPageSize))) is { } fleets)
            _fleets = fleets.Items.Select(f => new CampaignChoice(f.Id, $"{f.Name} ({f.VehicleCount:N0} vehicles)")).ToList();
        if (await ReadAsync(() => Recalls.HandleAsync(new RecallQuery())) is { } recalls)
            _recalls = recalls.Select(r => new CampaignChoice(r.Recall.Id, $"{r.Recall.NhtsaNumber} · {r.Recall.Title}")).ToList();
    }

    private static async Task<T?> ReadAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (PermissionDeniedException)
        {
            return null;
        }
    }

    private static string ReleaseText(FirmwareReleaseRow release) =>
        $"{release.Hash}{(release.Current ? " (current)" : "")} · {release.Created.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private void KindChanged(PopulationKind? kind)
    {
        _model.PopulationKind = kind;
        _model.PopulationId = null;
    }

    private async Task SaveAsync()
    {
        var id = 0;
        if (!await _form.RunAsync(async () => id = await Create.HandleAsync(_model.ToDraft())))
            return;
        Snackbar.Add($"Campaign {_model.Name?.Trim()} created as a draft.", Severity.Success);
        Dialog.Close(DialogResult.Ok(id));
    }
}
