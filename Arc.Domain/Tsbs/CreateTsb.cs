using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Tsbs;

/// <summary>Issues a technical service bulletin (permission tsbs.tsb.create); two bulletins not deleted never share a number.</summary>
public sealed class CreateTsb(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(TsbDraft draft, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.TsbCreate, ct);
        var now = time.GetUtcNow();
        var tsb = new Tsb { Number = "", Title = "", Summary = "", CreatedBy = username, CreatedAt = now };
        TsbRules.Apply(draft, tsb, DateOnly.FromDateTime(now.UtcDateTime));
        await using var data = dataFactory.Open();
        await TsbRules.CheckReferencesAsync(data, tsb, ct);
        data.Add(tsb);
        await data.AssignIdAsync(tsb, ct);
        audit.Record(data, username, TsbAuditActions.Created, TsbAuditActions.Entity, TsbRules.Id(tsb.Id), TsbDraft.Of(tsb));
        await TsbRules.AddNoteAsync(data, tsb.Id, username, $"Bulletin {tsb.Number} issued: {tsb.Title}", now, ct);
        await data.SaveChangesAsync(ct);
        return tsb.Id;
    }
}
