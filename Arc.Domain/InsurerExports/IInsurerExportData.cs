using Arc.Domain.Common;

namespace Arc.Domain.InsurerExports;

/// <summary>The insurer exports, one row per month, read as <c>data.InsurerExports</c>.</summary>
public interface IInsurerExportData : IEntitySets
{
    IQueryable<InsurerExport> InsurerExports => Set<InsurerExport>();
}
