using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Credentials;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Credentials;

/// <summary>
/// The service credentials of the HTTP API: list with last use and status, CSV export of what the filters match; with
/// users.credential.write also create (the secret shown once), rotate with an overlap, and revoke after a confirmation.
/// </summary>
public sealed partial class CredentialsPage
{
    private static readonly IReadOnlyList<CsvColumn<CredentialView>> ExportColumns =
    [
        new("Name", c => c.Name), new("Description", c => c.Description), new("Client id", c => c.ClientId), new("Proof", c => ProofText(c.Proof)), new("Groups", c => string.Join("; ", c.Groups)),
        new("Status", c => StatusText(c.Status)), new("Expires (UTC)", c => Utc(c.ExpiresAt)), new("Last use (UTC)", c => c.LastUsedAt is { } u ? Utc(u) : null),
        new("Old secret or certificate valid until (UTC)", c => c.OldSecretValidUntil is { } o ? Utc(o) : null), new("Created (UTC)", c => Utc(c.CreatedAt)),
        new("Created by", c => c.CreatedBy), new("Revoked (UTC)", c => c.RevokedAt is { } r ? Utc(r) : null),
    ];

    private MudTable<CredentialView>? _table;
    private string? _search;
    private bool _activeOnly;
    private string? _loadError;
    private int? _total;

    [Inject] private ListServiceCredentials List { get; set; } = default!;
    [Inject] private RevokeServiceCredential Revoke { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string? Subtitle => _total switch { null => null, 1 => "1 credential", var n => $"{n:N0} credentials" };

    private Task<Page<CredentialView>> ReadPageAsync(int page, int size, CancellationToken ct) =>
        List.HandleAsync(new CredentialQuery(_search, !_activeOnly, page, size), ct);

    private async Task<TableData<CredentialView>> LoadAsync(TableState state, CancellationToken ct)
    {
        var loaded = await TablePages.LoadAsync(state, ReadPageAsync, Errors, ct);
        (_total, _loadError) = (loaded.Total, loaded.Error);
        await InvokeAsync(StateHasChanged);
        return loaded.Data;
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private Task SearchChanged(string? _) => ReloadAsync();

    private Task ActiveOnlyChanged(bool value)
    {
        _activeOnly = value;
        return ReloadAsync();
    }

    // The secret is on screen until the administrator says it is copied: a click beside the dialog or Escape does not lose it.
    private static readonly DialogOptions SecretDialog = new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false };

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CredentialCreateDialog>("New service credential", SecretDialog);
        if (await dialog.Result is { Canceled: false })
            await ReloadAsync();
    }

    private async Task RotateAsync(CredentialView credential)
    {
        var dialog = await Dialogs.ShowAsync<CredentialRotateDialog>($"Rotate {credential.Name}",
            new DialogParameters<CredentialRotateDialog> { { d => d.Credential, credential } }, SecretDialog);
        if (await dialog.Result is { Canceled: false })
            await ReloadAsync();
    }

    private async Task RevokeAsync(CredentialView credential)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Revoke {credential.Name}?",
            "Its client gets no new token and its current tokens are refused from the next call. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
            return;
        try
        {
            await Revoke.HandleAsync(credential.Id);
            Snackbar.Add($"{credential.Name} is revoked.", Severity.Success);
        }
        catch (DomainException e)
        {
            Snackbar.Add(Errors.Describe(e), Severity.Error);
        }
        await ReloadAsync();
    }

    internal static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    internal static string ProofText(CredentialProof proof) => proof == CredentialProof.Certificate ? "Client certificate" : "Client secret";

    internal static string StatusText(CredentialStatus status) => status switch
    {
        CredentialStatus.Active => "Active",
        CredentialStatus.Expired => "Expired",
        _ => "Revoked",
    };

    private static Color StatusColor(CredentialStatus status) => status switch
    {
        CredentialStatus.Active => Color.Success,
        CredentialStatus.Expired => Color.Warning,
        _ => Color.Error,
    };
}
