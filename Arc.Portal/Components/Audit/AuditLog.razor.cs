using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Audit;

public sealed partial class AuditLog : IDisposable
{
    private static readonly IReadOnlyList<CsvColumn<AuditRow>> ExportColumns =
    [
        new("When (UTC)", e => e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), new("Who", e => e.Actor),
        new("Name", e => e.ActorName), new("Action", e => e.Action), new("Entity type", e => e.EntityType), new("Entity id", e => e.EntityId),
        new("Change", e => AuditSummary.ReadableText(e.Summary)), new("Correlation", e => e.CorrelationId),
    ];

    private static readonly string[] EntityTypes = [AuditEntityTypes.User, AuditEntityTypes.Vehicle, AuditEntityTypes.Note, AuditEntityTypes.System];

    private ListState _list = default!;
    private string? _actor;
    private string? _action;
    private string? _entityType;
    private string? _entityId;
    private DateRange? _range;
    private string? _error;
    // Unknown until the first page arrives: a count of 0 while loading reads as an empty log.
    private int? _total;
    private int _loads;

    [Inject] private ListAuditEvents ListEvents { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized()
    {
        // Links from elsewhere name the entity: /audit?entityType=vehicle&entityId=DEV-...
        _list = new ListState(Navigation, defaultSize: 50);
        _list.Changed += () => InvokeAsync(() =>
        {
            ReadFilters();
            StateHasChanged();
        });
        ReadFilters();
    }

    private void ReadFilters()
    {
        (_actor, _action, _entityType, _entityId) = (_list.Text("actor"), _list.Text("action"), _list.Text("entityType"), _list.Text("entityId"));
        _range = _list.Date("from") is null && _list.Date("to") is null ? null : new DateRange(_list.Date("from"), _list.Date("to"));
    }

    private Task<Page<AuditRow>> ReadPageAsync(int page, int size, CancellationToken ct)
    {
        DateTimeOffset? from = _range?.Start is { } s ? new DateTimeOffset(s.Date, TimeSpan.Zero) : null;
        DateTimeOffset? to = _range?.End is { } e ? new DateTimeOffset(e.Date.AddDays(1).AddTicks(-1), TimeSpan.Zero) : null;
        return ListEvents.HandleAsync(new AuditQuery(_actor, _action, _entityType, _entityId, from, to, page, size), ct);
    }

    private async Task<TableData<AuditRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        _list.Record(state);
        var load = Interlocked.Increment(ref _loads);
        try
        {
            var page = await ReadPageAsync(state.Page, state.PageSize, ct);
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

    private void FilterChanged(string name, string? value) => _list.SetFilter(name, value);

    private void EntityTypeChanged(string? type)
    {
        _entityType = type;
        _list.SetFilter("entityType", type);
    }

    private void RangeChanged(DateRange? range)
    {
        _range = range;
        _list.SetFilters(("from", range?.Start), ("to", range?.End));
    }

    public void Dispose() => _list?.Dispose();
}
