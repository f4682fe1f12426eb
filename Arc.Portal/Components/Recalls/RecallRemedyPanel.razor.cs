using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Recalls;

/// <summary>
/// The remedy of one recall. Adding one needs recalls.recall.create and .edit, changing it .edit, removing it .edit and
/// .delete (as the use cases, which check again). An edit carries the version read, so a later save by someone else wins.
/// </summary>
public sealed partial class RecallRemedyPanel
{
    private FormState _form = default!;
    private bool _editing;
    private RemedyType _type = RemedyType.OverTheAir;
    private string? _description;
    private string? _component;
    private string? _hash;
    private IReadOnlyList<RemedyFirmwareChoice>? _choices;
    private string? _choicesError;

    [Parameter, EditorRequired] public int RecallId { get; set; }
    [Parameter] public RecallRemedy? Remedy { get; set; }
    [Parameter] public IReadOnlySet<string> Can { get; set; } = new HashSet<string>();

    /// <summary>A deleted recall shows its remedy but takes no change.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>Raised after the remedy changed, so the page reads the recall again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Inject] private CreateRemedy Create { get; set; } = default!;
    [Inject] private EditRemedy Edit { get; set; } = default!;
    [Inject] private DeleteRemedy Delete { get; set; } = default!;
    [Inject] private ListRemedyFirmware Firmware { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private bool CanCreate => Can.Contains(Perm.RecallCreate) && Can.Contains(Perm.RecallEdit);
    private bool CanEdit => Can.Contains(Perm.RecallEdit);
    private bool CanDelete => Can.Contains(Perm.RecallEdit) && Can.Contains(Perm.RecallDelete);

    protected override void OnInitialized() => _form = new FormState(Errors, "description", "type", "firmwareComponent", "firmwareHash");

    private async Task Start()
    {
        _form.Clear();
        (_type, _description) = Remedy is { } m ? (m.Type, m.Description) : (RemedyType.OverTheAir, null);
        (_component, _hash) = (Remedy?.FirmwareComponent, Remedy?.FirmwareHash);
        _editing = true;
        if (_choices is not null)
            return;
        try
        {
            _choices = await Firmware.HandleAsync();
            _choicesError = null;
        }
        catch (DomainException e)
        {
            _choicesError = Errors.Describe(e);
        }
    }

    private void Stop()
    {
        _form.Clear();
        _editing = false;
    }

    private async Task SaveAsync()
    {
        var creating = Remedy is null;
        // Only what the chosen type shows is sent: a dealer repair names no firmware.
        var firmware = RemedyFirmwareRules.IsOverTheAir(_type) && (_component is not null || _hash is not null) ? new RemedyFirmware(_component ?? "", _hash ?? "") : null;
        var saved = await _form.RunAsync(() => creating
            ? Create.HandleAsync(RecallId, _description, _type, firmware)
            : Edit.HandleAsync(RecallId, _description, _type, Remedy!.Version, firmware));
        if (!saved)
            return;
        _editing = false;
        Snackbar.Add(creating ? "Remedy added." : "Remedy saved.", Severity.Success);
        await Changed.InvokeAsync();
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this remedy?",
            "The recall is left without a remedy until a new one is given.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _form.RunAsync(() => Delete.HandleAsync(RecallId)))
        {
            Snackbar.Add("Remedy deleted.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }
}
