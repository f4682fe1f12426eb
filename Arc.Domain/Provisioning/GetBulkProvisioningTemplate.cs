using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Provisioning;

/// <summary>What filling a bulk file takes: the model releases a row may name, and a template file to start from.</summary>
public sealed record BulkProvisioningTemplate(IReadOnlyList<BulkRelease> Releases, string FileName, string Csv)
{
    /// <summary>Names more than one release has; a row must give such a release by id.</summary>
    public IReadOnlySet<string> AmbiguousNames { get; } = Releases.GroupBy(r => r.Name.Trim(), StringComparer.OrdinalIgnoreCase)
        .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// The bulk page's guide and its template download (Perm.VehicleProvision): every model release with its id and model,
/// and a CSV with every accepted column and one example row of this environment using the newest release.
/// </summary>
public sealed class GetBulkProvisioningTemplate(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public const string FileName = "bulk-provisioning-template.csv";

    public async Task<BulkProvisioningTemplate> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        await using var data = dataFactory.Open();
        var releases = await BulkJobs.ReleasesAsync(data, ct);
        var example = releases.FirstOrDefault(r => r.ModelLetter is not null) ?? releases.FirstOrDefault();
        return new BulkProvisioningTemplate(releases, FileName, BulkProvisioningCsv.Template(environment.Environment, example));
    }
}
