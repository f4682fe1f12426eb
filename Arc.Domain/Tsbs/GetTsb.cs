using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Tsbs;

/// <summary>One bulletin with its attachments (permission tsbs.tsb.read); a deleted one too, so its page still opens.</summary>
public sealed class GetTsb(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<TsbDetail> HandleAsync(int id, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TsbRead, ct);
        await using var data = dataFactory.Open();
        var tsb = await data.FirstOrDefaultAsync(data.Tsbs.Where(t => t.Id == id), ct) ?? throw new NotFoundException("Bulletin", TsbRules.Id(id));
        var view = (await TsbReads.ViewsAsync(data, [tsb], ct))[0];
        var attachments = await data.ListAsync(data.TsbAttachments.Where(a => a.TsbId == id && a.DeletedAt == null).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new TsbAttachmentView(a.Id, a.FileName, a.Size, a.UploadedAt, a.UploadedBy)), ct);
        return new TsbDetail(view, attachments);
    }
}
