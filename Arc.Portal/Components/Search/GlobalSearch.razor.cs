using Arc.Domain.Common;
using Arc.Domain.Search;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Search;

public partial class GlobalSearch
{
    // Icons for the kinds there are; a kind added later shows the generic one until it is given its own.
    private static readonly Dictionary<string, string> KindIcons = new(StringComparer.Ordinal)
    {
        ["Vehicle"] = Icons.Material.Filled.ElectricCar,
        ["User"] = Icons.Material.Filled.Person,
        ["Authority"] = Icons.Material.Filled.AccountTree,
    };

    private MudAutocomplete<SearchHit>? _box;
    private SearchHit? _picked;
    private string? _error;

    [Inject] private SearchPortal Search { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private static string IconOf(string kind) => KindIcons.GetValueOrDefault(kind, Icons.Material.Filled.Search);

    private async Task<IEnumerable<SearchHit>> SearchAsync(string? text, CancellationToken ct)
    {
        _error = null;
        try
        {
            return await Search.HandleAsync(text, ct);
        }
        catch (DomainException e)
        {
            // Shown where the results would be: the text as typed cannot be searched.
            _error = Errors.Describe(e);
            return [];
        }
    }

    private async Task OpenAsync(SearchHit? hit)
    {
        if (hit is null)
            return;
        // The box empties so the next search starts afresh; the page it opens is the answer.
        _picked = null;
        if (_box is not null)
            await _box.ClearAsync();
        Navigation.NavigateTo(hit.Path);
    }
}
