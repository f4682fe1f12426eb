using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>Opens a recall campaign (permission recalls.recall.create); two campaigns never share an NHTSA number.</summary>
public sealed class CreateRecall(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(RecallDraft draft, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.RecallCreate, ct);
        var now = time.GetUtcNow();
        var recall = new Recall { Title = "", Description = "", NhtsaNumber = "", CreatedBy = username, CreatedAt = now };
        RecallRules.Apply(draft, recall, now.Year);
        await using var data = dataFactory.Open();
        if (await data.AnyAsync(data.Recalls.Where(r => r.NhtsaNumber == recall.NhtsaNumber && r.Status == RecallStatus.Active), ct))
            throw new ValidationFailedException(NhtsaCampaignNumber.Field, $"A recall with campaign number {recall.NhtsaNumber} exists already.");
        data.Add(recall);
        await data.AssignIdAsync(recall, ct);
        audit.Record(data, username, RecallAuditActions.Created, RecallAuditActions.RecallEntity, recall.Id.ToString(CultureInfo.InvariantCulture),
            RecallDraft.Of(recall));
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
        return recall.Id;
    }
}
