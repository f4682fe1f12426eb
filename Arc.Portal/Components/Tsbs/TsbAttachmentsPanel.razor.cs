using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Tsbs;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Arc.Portal.Components.Tsbs;

/// <summary>
/// A bulletin's files. An upload is read in pieces so the panel shows how far it got; the use case then checks that it
/// is a PDF of the allowed size and stores it. A refusal is shown under the button and nothing is kept.
/// </summary>
public sealed partial class TsbAttachmentsPanel
{
    private const int Piece = 64 * 1024;
    private FormState _form = default!;
    private double? _progress;
    private string? _uploading;

    [Parameter, EditorRequired] public int TsbId { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<TsbAttachmentView> Attachments { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlySet<string> Can { get; set; } = new HashSet<string>();
    [Parameter] public bool ReadOnly { get; set; }
    [Parameter] public EventCallback Changed { get; set; }

    [Inject] private AddTsbAttachment Add { get; set; } = default!;
    [Inject] private DeleteTsbAttachment Remove { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private bool CanEdit => !ReadOnly && Can.Contains(Perm.TsbEdit);

    protected override void OnInitialized() => _form = new FormState(Errors, TsbPdf.Field);

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        var name = TsbPdf.SafeName(file.Name);
        var saved = await _form.RunAsync(async () =>
        {
            if (file.Size > TsbPdf.MaxBytes)
                throw new ValidationFailedException(TsbPdf.Field, $"{name} is larger than {TsbPdf.MaxBytes / 1024 / 1024} MB; bulletins are attached as PDF files up to that size.");
            (_uploading, _progress) = (name, 0);
            var content = await ReadAsync(file);
            await Add.HandleAsync(TsbId, file.Name, content);
        });
        (_uploading, _progress) = (null, null);
        if (!saved)
            return;
        Snackbar.Add($"{name} attached.", Severity.Success);
        await Changed.InvokeAsync();
    }

    // Reads the file a piece at a time and redraws the progress bar as it goes.
    private async Task<byte[]> ReadAsync(IBrowserFile file)
    {
        var content = new byte[file.Size];
        try
        {
            await using var stream = file.OpenReadStream(TsbPdf.MaxBytes);
            var read = 0;
            while (read < content.Length)
            {
                var n = await stream.ReadAsync(content.AsMemory(read, Math.Min(Piece, content.Length - read)));
                if (n == 0)
                    break;
                read += n;
                _progress = 100.0 * read / content.Length;
                StateHasChanged();
            }
            return read == content.Length ? content : content[..read];
        }
        catch (IOException e)
        {
            throw new ValidationFailedException(TsbPdf.Field, $"{TsbPdf.SafeName(file.Name)} could not be read.", e);
        }
    }

    private async Task RemoveAsync(TsbAttachmentView file)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Remove {file.FileName}?",
            "The file leaves the bulletin's page. It is kept in the file store for the record.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _form.RunAsync(() => Remove.HandleAsync(TsbId, file.Id)))
        {
            Snackbar.Add($"{file.FileName} removed.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }
}
