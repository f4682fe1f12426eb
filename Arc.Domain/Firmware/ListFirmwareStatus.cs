using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Firmware;

public sealed record FirmwareStatusQuery(string? VinContains = null, FirmwareState? State = null, string? Component = null, int Page = 0, int PageSize = 25);

/// <summary>One vehicle of the fleet firmware report.</summary>
/// <param name="Behind">The components whose recorded release is not the current one.</param>
/// <param name="Unknown">How many components have no record or no release to compare with.</param>
/// <param name="Versions">Each component's recorded hash (first 7 characters), "component=hash" joined by "; ".</param>
public sealed record FirmwareStatusRow(string Vin, int? ModelReleaseId, FirmwareState State, IReadOnlyList<string> Behind, int Unknown, string Versions);

public sealed record FirmwareStatusReport(Page<FirmwareStatusRow> Rows, int UpToDate, int Behind, int Unknown);

/// <summary>
/// The firmware status of the fleet (the old Firmware Status report, for every vehicle instead of a chosen few): which
/// vehicles run which versions and which are behind, filtered and paged, with the counts of each state. Needs
/// firmware.vehicle.read and vehicles.vehicle.read. Reported state is not read here: one shadow request per vehicle
/// would make the report as slow as the fleet is large.
/// </summary>
public sealed class ListFirmwareStatus(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxFilterLength = 50;

    public async Task<FirmwareStatusReport> HandleAsync(FirmwareStatusQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.FirmwareVehicleRead, ct);
        await user.RequireAsync(Perm.VehicleRead, ct);
        var (index, size) = Paging.Normalize(query.Page, query.PageSize);
        var vinFilter = query.VinContains?.Trim().ToUpperInvariant();
        if (vinFilter is { Length: > MaxFilterLength } || (vinFilter is not null && PlainText.HasHiddenCharacters(vinFilter)))
            throw new ValidationFailedException("vin", $"Search with at most {MaxFilterLength} visible characters of a VIN.");
        if (query.Component is { Length: > FirmwareManifest.MaxComponentLength })
            throw new ValidationFailedException("component", "Choose a component from the list.");
        await using var data = dataFactory.Open();
        var catalogue = await FirmwareStatusReader.CatalogueAsync(data, ct);
        var facts = await FirmwareStatusReader.FactsAsync(data, null, ct);
        var views = facts.Where(f => string.IsNullOrEmpty(vinFilter) || f.Vin.Contains(vinFilter, StringComparison.Ordinal))
            .Select(f => FirmwareStatus.Evaluate(f, catalogue.Hosts, catalogue.Current, catalogue.History, reportedRead: false))
            .Where(v => query.Component is null || v.Components.Any(c => c.Component == query.Component && c.State == FirmwareState.Behind))
            .ToList();
        ct.ThrowIfCancellationRequested();
        var counts = views.GroupBy(v => v.Overall).ToDictionary(g => g.Key, g => g.Count());
        var shown = query.State is { } state ? views.Where(v => v.Overall == state).ToList() : views;
        var rows = shown.Skip(index * size).Take(size).Select(v => new FirmwareStatusRow(v.Vin, v.ModelReleaseId, v.Overall,
            v.Components.Where(c => c.State == FirmwareState.Behind).Select(c => c.Component).Distinct().ToList(),
            v.Components.Count(c => c.State == FirmwareState.Unknown),
            string.Join("; ", v.Components.Select(c => c.RecordedHash is { } hash ? $"{c.Component}={hash[..Math.Min(7, hash.Length)]}" : null).OfType<string>().Distinct())))
            .ToList();
        return new FirmwareStatusReport(new Page<FirmwareStatusRow>(rows, shown.Count, index, size),
            counts.GetValueOrDefault(FirmwareState.UpToDate), counts.GetValueOrDefault(FirmwareState.Behind), counts.GetValueOrDefault(FirmwareState.Unknown));
    }
}
