using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

/// <summary>
/// The dry run: reads the uploaded CSV, checks every row (VIN, release by id or name, options, duplicates with their lines, already provisioned,
/// spreadsheet formulas) and stores the checked rows as a planned job. A file that cannot be read is refused whole and
/// nothing is stored; nothing is provisioned until the operator confirms.
/// </summary>
public sealed class PlanBulkProvisioning(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public const int MaxFileNameLength = 200;

    public async Task<BulkJobSummary> HandleAsync(string fileName, string text, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        var name = CleanFileName(fileName);
        var rows = BulkProvisioningCsv.Read(text ?? "");
        await using var data = dataFactory.Open();
        var releases = await BulkJobs.ReleasesAsync(data, ct);
        var candidates = rows.Select(r => r.Cells.GetValueOrDefault("vin") ?? "")
            .Select(v => Vin.TryParse(v, environment.Environment, out var vin, out _) ? vin!.Value : null).OfType<string>().ToList();
        var provisioned = (await data.ListAsync(data.Vehicles.Where(v => candidates.Contains(v.Vin)).Select(v => v.Vin), ct)).ToHashSet(StringComparer.Ordinal);
        var plan = BulkProvisioningCsv.Check(rows, environment.Environment, releases, provisioned);

        var job = new BulkProvisioningJob { FileName = name, Actor = username, Created = time.GetUtcNow() };
        foreach (var check in plan.Rows)
        {
            job.Rows.Add(new BulkProvisioningRow
            {
                Line = check.Line,
                Text = check.Text,
                Vin = check.Row?.Vin ?? check.Vin,
                ModelReleaseId = check.Row?.ModelReleaseId,
                HeatedSeats = check.Row?.Options.HeatedSeats ?? false,
                HeatedGrips = check.Row?.Options.HeatedGrips ?? false,
                StereoEnabled = check.Row?.Options.StereoEnabled ?? false,
                ManagedSessionMode = check.Row?.ManagedSessionMode ?? false,
                Status = check.Ok ? BulkRowStatus.Pending : BulkRowStatus.Rejected,
                Problem = check.Problem,
            });
        }
        await data.AssignIdAsync(job, ct);
        data.Add(job);
        audit.Record(data, username, AuditActions.BulkProvisioningPlanned, "bulk_provisioning", job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { file = name, rows = plan.Rows.Count, accepted = plan.Accepted, rejected = plan.Rejected });
        await data.SaveChangesAsync(ct);
        return await BulkJobs.SummaryAsync(data, job.Id, ct);
    }

    private static string CleanFileName(string? fileName)
    {
        var name = new string((fileName ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        name = Path.GetFileName(name.Replace('\\', '/'));
        if (name.Length == 0)
            name = "upload.csv";
        return name.Length <= MaxFileNameLength ? name : name[..MaxFileNameLength];
    }
}
