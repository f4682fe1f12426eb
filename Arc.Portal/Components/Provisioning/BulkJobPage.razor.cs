using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Provisioning;

/// <summary>
/// One uploaded file: the dry-run report, then the job's live progress (read from the database every second while it
/// runs, so a page opened later or in another browser shows the same), per-row results, retry and the identity files.
/// </summary>
public partial class BulkJobPage
{
    private BulkJobSummary? _job;
    private BulkRowList? _rows;
    private string? _username;
    private string? _loadError;
    private string? _error;
    private bool _busy;

    [Parameter] public long JobId { get; set; }

    [Inject] private GetBulkProvisioningJob Get { get; set; } = default!;
    [Inject] private StartBulkProvisioning Start { get; set; } = default!;
    [Inject] private RetryFailedBulkRows Retry { get; set; } = default!;
    [Inject] private DiscardBulkIdentities Discard { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private bool IsOwner => _job is not null && _job.Actor == _username;

    private double Percent => _job is null || _job.Accepted == 0 ? 0 : 100.0 * _job.Done / _job.Accepted;

    protected override async Task OnParametersSetAsync()
    {
        _username = await CurrentUser.GetUsernameAsync();
        try
        {
            _job = (await Get.HandleAsync(JobId, new BulkRowQuery(PageSize: 1))).Job;
        }
        catch (NotFoundException e)
        {
            _loadError = e.Message;
            return;
        }
    }

    private async Task RefreshAsync()
    {
        _job = (await Get.HandleAsync(JobId, new BulkRowQuery(PageSize: 1))).Job;
        if (_rows is not null)
            await _rows.ReloadAsync();
    }

    private async Task StartAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Provision {_job!.Accepted} vehicles?",
            "Each vehicle gets its thing, certificate, authority grant, PIN and shadow, exactly as on the provision page. The job runs on the server.",
            yesText: "Provision", cancelText: "Cancel");
        if (confirmed != true)
            return;
        await ActAsync(async () =>
        {
            await Start.HandleAsync(JobId);
            Snackbar.Add("Provisioning started.", Severity.Info);
        });
    }

    private Task RetryAsync() => ActAsync(async () =>
    {
        var count = await Retry.HandleAsync(JobId);
        Snackbar.Add($"{count} row{(count == 1 ? "" : "s")} queued again.", Severity.Info);
    });

    private async Task DiscardAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete the identity files?",
            "Do this once you have stored the archive safely: the private keys cannot be recovered; the vehicles would have to be re-provisioned.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        await ActAsync(async () =>
        {
            var count = await Discard.HandleAsync(JobId);
            Snackbar.Add($"{count} identity file{(count == 1 ? "" : "s")} deleted.", Severity.Success);
        });
    }

    private async Task ActAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
            await RefreshAsync();
        }
        catch (DomainException e)
        {
            _error = Errors.Describe(e);
        }
        finally
        {
            _busy = false;
        }
    }
}
