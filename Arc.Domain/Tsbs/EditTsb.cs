using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Tsbs;

/// <summary>
/// Replaces a bulletin's fields with the draft's (permission tsbs.tsb.edit). <paramref name="version"/> is the version
/// the editor's page read: of two people editing at once, the second save is refused and changes nothing. A draft equal
/// to what is stored is refused too, so the audit trail and the notes move only on a change.
/// </summary>
public sealed class EditTsb(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int id, TsbDraft draft, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.TsbEdit, ct);
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var tsb = await TsbRules.FindAsync(data, id, ct);
        var before = TsbDraft.Of(tsb);
        TsbRules.Apply(draft, tsb, DateOnly.FromDateTime(now.UtcDateTime));
        var after = TsbDraft.Of(tsb);
        if (after.SameAs(before))
            throw new ValidationFailedException("This edit changes nothing; nothing was saved.");
        data.ExpectVersion(tsb, version, $"Bulletin {before.Number}");
        await TsbRules.CheckReferencesAsync(data, tsb, ct);
        audit.Record(data, username, TsbAuditActions.Edited, TsbAuditActions.Entity, TsbRules.Id(id), new { before, after });
        await TsbRules.AddNoteAsync(data, id, username, $"Bulletin {tsb.Number} edited: {Changed(before, after)}", now, ct);
        await data.SaveChangesAsync(ct);
    }

    private static string Changed(TsbDraft before, TsbDraft after)
    {
        var fields = new List<string>();
        void Check(bool same, string name)
        {
            if (!same)
                fields.Add(name);
        }
        Check(before.Number == after.Number, "number");
        Check(before.Title == after.Title, "title");
        Check(before.Summary == after.Summary, "summary");
        Check(before.Component == after.Component, "component");
        Check((before.ModelIds ?? []).SequenceEqual(after.ModelIds ?? []), "models");
        Check(before.ModelYears == after.ModelYears, "model years");
        Check(before.IssueDate == after.IssueDate, "issue date");
        Check(before.CommunicationType == after.CommunicationType, "kind");
        Check(before.DealerDate == after.DealerDate, "date sent to dealers");
        Check(before.NhtsaReference == after.NhtsaReference, "NHTSA reference");
        Check(before.RecallId == after.RecallId, "linked recall");
        return string.Join(", ", fields) + ".";
    }
}
