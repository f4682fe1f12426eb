using Arc.Domain.Common;

namespace Arc.Domain.Tsbs;

/// <summary>The tables of technical service bulletins and their files, read as <c>data.Tsbs</c>.</summary>
public interface ITsbData : IEntitySets
{
    IQueryable<Tsb> Tsbs => Set<Tsb>();
    IQueryable<TsbAttachment> TsbAttachments => Set<TsbAttachment>();
}
