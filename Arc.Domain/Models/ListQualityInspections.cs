using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Models;

public sealed record QualityInspectionRow(int Id, string Inspector, DateTimeOffset Inspected, bool Passed, bool FirmwareUpToDate, string OutdatedComponents,
    string Remarks);

/// <summary>A vehicle's quality inspections, newest first; for whoever may see the vehicle.</summary>
public sealed class ListQualityInspections(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<QualityInspectionRow>> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin.Value, ct);
        return await data.ListAsync(data.QualityInspections.Where(q => q.Vin == vin.Value).OrderByDescending(q => q.Inspected).ThenByDescending(q => q.Id)
            .Select(q => new QualityInspectionRow(q.Id, q.Inspector, q.Inspected, q.Passed, q.FirmwareUpToDate, q.OutdatedComponents, q.Remarks)), ct);
    }
}
