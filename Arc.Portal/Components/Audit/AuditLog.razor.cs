using Arc.Domain.Audit;
using Arc.Domain.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Audit;

public partial class AuditLog
{
    private static readonly string[] EntityTypes = [AuditEntityTypes.User, AuditEntityTypes.Vehicle, AuditEntityTypes.Note, AuditEntityTypes.System];

    private MudTable<AuditRow>? _table;
    private string? _actor;
    private string? _action;
    private string? _entityType;
    private string? _entityId;
    private DateRange? _range;
    private string? _error;
    private int _total;
    private int _loads;

    [Inject] private ListAuditEvents ListEvents { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "entityType")] public string? InitialEntityType { get; set; }
    [SupplyParameterFromQuery(Name = "entityId")] public string? InitialEntityId { get; set; }

    protected override void OnInitialized()
    {
        _entityType = InitialEntityType;
        _entityId = InitialEntityId;
    }

    private async Task<TableData<AuditRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var load = Interlocked.Increment(ref _loads);
        try
        {
            DateTimeOffset? from = _range?.Start is { } s ? new DateTimeOffset(s.Date, TimeSpan.Zero) : null;
            DateTimeOffset? to = _range?.End is { } e ? new DateTimeOffset(e.Date.AddDays(1).AddTicks(-1), TimeSpan.Zero) : null;
            var page = await ListEvents.HandleAsync(new AuditQuery(_actor, _action, _entityType, _entityId, from, to, state.Page, state.PageSize), ct);
            if (load == _loads)
            {
                _error = null;
                _total = page.TotalCount;
                await InvokeAsync(StateHasChanged);
            }
            return new TableData<AuditRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (ValidationFailedException e)
        {
            if (load == _loads)
            {
                _error = e.Message;
                _total = 0;
                await InvokeAsync(StateHasChanged);
            }
            return new TableData<AuditRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task FilterChanged(string? _) => Reload();

    private Task EntityTypeChanged(string? type)
    {
        _entityType = type;
        return Reload();
    }

    private Task RangeChanged(DateRange? range)
    {
        _range = range;
        return Reload();
    }

    private Task Reload() => _table?.ReloadServerData() ?? Task.CompletedTask;
}
