using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Domain.Vehicles;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Arc.Portal.Components.Provisioning;

public partial class ProvisionPage
{
    private ProvisioningChoices? _choices;
    private string? _vin;
    private string? _vinError;
    private bool _vinOk;
    private Vin? _parsed;
    private ExistingVehicle? _existing;
    private bool _wasExisting;
    private int? _releaseId;
    private bool _heatedSeats;
    private bool _heatedGrips;
    private bool _stereo;
    private bool _managed;
    private bool _preservePin = true;
    private bool _firmwareConfirmed;
    private bool _busy;
    private string? _error;
    private ProvisionResult? _result;
    private IReadOnlyList<StepReport>? _live;
    private bool _identitySaved;
    private LeaveGuard _leaveGuard = default!;

    [Inject] private GetProvisioningChoices Choices { get; set; } = default!;
    [Inject] private GetExistingVehicle Existing { get; set; } = default!;
    [Inject] private GetLatestProvisioningRun LatestRun { get; set; } = default!;
    [Inject] private IChangeFeed Changes { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ProvisionVehicle Provision { get; set; } = default!;
    [Inject] private PortalEnvironment Environment { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    /// <summary>Re-provisioning starts from the vehicle page with its VIN filled in.</summary>
    [SupplyParameterFromQuery(Name = "vin")] public string? InitialVin { get; set; }

    private string? VinHelp => _parsed is null ? $"17 characters; {Environment.Environment.VinPrefix()}is added if you leave it out"
        : $"{ModelName ?? "Unknown model"} · model year {_parsed.ModelYear}{(_existing is null ? "" : " · already provisioned")}";

    private string? ModelName => _choices?.Models.FirstOrDefault(m => m.LetterCode == _parsed?.ModelLetter.ToString())?.Name;

    private IEnumerable<ReleaseChoice> Releases
    {
        get
        {
            var model = _choices?.Models.FirstOrDefault(m => m.LetterCode == _parsed?.ModelLetter.ToString());
            return (_choices?.Releases ?? []).Where(r => model is null || r.ModelId == model.Id);
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _choices = await Choices.HandleAsync();
        // A VIN typed while the choices loaded found no releases to pick from: read it again now that they are here.
        if (!string.IsNullOrEmpty(_vin ?? InitialVin))
            await VinChanged(_vin ?? InitialVin);
    }

    private async Task VinChanged(string? text)
    {
        _vin = text;
        _error = null;
        if (!Vin.TryParse(text, Environment.Environment, out var vin, out var problem))
        {
            _vinOk = false;
            _parsed = null;
            _vinError = string.IsNullOrWhiteSpace(text) ? null : problem;
            return;
        }
        _vinError = null;
        _parsed = vin;
        _vinOk = true;
        _existing = await Existing.HandleAsync(vin.Value);
        _releaseId = _existing?.ModelReleaseId ?? Releases.FirstOrDefault()?.Id;
        if (_existing is not null)
            (_heatedSeats, _heatedGrips, _stereo, _managed) = (_existing.HeatedSeats, _existing.HeatedGrips, _existing.StereoEnabled, _existing.ManagedSessionMode);
        if (_choices is not null && !_choices.Models.Any(m => m.LetterCode == vin.ModelLetter.ToString()))
            _vinError = $"No model has the letter {vin.ModelLetter} (VIN position 5).";
    }

    private async Task ProvisionAsync()
    {
        _busy = true;
        _error = null;
        _wasExisting = _existing is not null;
        _identitySaved = false;
        var since = Time.GetUtcNow().AddSeconds(-1);
        var vin = _parsed!.Value;
        // The steps are shown as they happen: the run records each one, the database announces it, the page reads it.
        using var watching = Changes.Subscribe(ChangeTopics.ProvisioningRun, vin, async () =>
        {
            if (_busy && await LatestRun.HandleAsync(vin, since) is { } run && _busy)
            {
                _live = run.Steps;
                await InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            _result = await Provision.HandleAsync(new ProvisionRequest(vin, _releaseId ?? 0,
                new VehicleOptions(_heatedSeats, _heatedGrips, _stereo), _managed, _existing is not null && _preservePin));
        }
        catch (DomainException e)
        {
            _error = Errors.Describe(e);
        }
        finally
        {
            _busy = false;
            _live = null;
        }
    }

    private async Task DownloadAsync()
    {
        await JS.InvokeVoidAsync("arcPortal.download", $"{_result!.Vin}.identity.json", _result.IdentityFile);
        _identitySaved = true;
    }

    private async Task DismissAsync()
    {
        if (!await _leaveGuard.ConfirmLeaveAsync())
            return;
        _result = null;
        _vin = null;
        _vinOk = false;
        _parsed = null;
        _existing = null;
        _firmwareConfirmed = false;
    }
}
