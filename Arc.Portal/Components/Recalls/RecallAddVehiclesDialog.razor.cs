using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Arc.Portal.Components.Recalls;

/// <summary>
/// Adds vehicles to a recall (recalls.vehicle.add): <see cref="PreviewRecallVehicles"/> checks the list without changing
/// anything, and <see cref="AddRecallVehicles"/> checks it again when the user confirms, adding all or none.
/// </summary>
public sealed partial class RecallAddVehiclesDialog
{
    private const int MaxShown = 50;
    private FormState _form = default!;
    private string? _text;
    private RecallVinPlan? _plan;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter, EditorRequired] public int RecallId { get; set; }
    [Parameter] public string NhtsaNumber { get; set; } = "";

    [Inject] private PreviewRecallVehicles Preview { get; set; } = default!;
    [Inject] private AddRecallVehicles Add { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    protected override void OnInitialized() => _form = new FormState(Errors, "vins", "file");

    // A checked plan belongs to the text it was made for; editing the text asks for a new check. (Only the person's edits
    // come here: a file's text set by the dialog keeps the plan just made for it.)
    private void Edited(string? text)
    {
        _text = text;
        _plan = null;
    }

    private Task CheckAsync() => _form.RunAsync(async () =>
    {
        _plan = null;
        _plan = await Preview.HandleAsync(RecallId, _text);
    });

    private Task UploadAsync(InputFileChangeEventArgs e) => _form.RunAsync(async () =>
    {
        _plan = null;
        if (e.File.Size > RecallVinList.MaxBytes)
            throw new ValidationFailedException("file", $"{e.File.Name} is larger than {RecallVinList.MaxBytes / 1024 / 1024} MB; split it.");
        var bytes = await UploadedFile.ReadAsync(e.File, RecallVinList.MaxBytes, $"{e.File.Name} could not be read.");
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        _text = await reader.ReadToEndAsync();
        _plan = await Preview.HandleAsync(RecallId, _text);
    });

    private async Task AddAsync()
    {
        var count = 0;
        if (!await _form.RunAsync(async () => count = await Add.HandleAsync(RecallId, _text)))
        {
            // The recall or the vehicles changed since the check: show every problem the list meets now.
            if (_form.Has("vins"))
                await CheckAsync();
            return;
        }
        Snackbar.Add($"{RecallVehicleText.Vehicles(count)} added to recall {NhtsaNumber}.", Severity.Success);
        Dialog.Close(DialogResult.Ok(count));
    }
}
