namespace Arc.Domain.Tsbs;

/// <summary>
/// Everything a bulletin's form sends; an edit replaces every field with the draft's. Model years are text as people
/// write them (<c>2019-2021, 2023</c>), read by <see cref="TsbModelYears"/>.
/// </summary>
public sealed record TsbDraft(
    string? Number,
    string? Title,
    string? Summary,
    IReadOnlyList<int>? ModelIds,
    string? ModelYears,
    DateOnly? IssueDate,
    string? Component = null,
    TsbCommunicationType CommunicationType = TsbCommunicationType.ServiceBulletin,
    DateOnly? DealerDate = null,
    string? NhtsaReference = null,
    int? RecallId = null)
{
    public static TsbDraft Of(Tsb t) => new(t.Number, t.Title, t.Summary, t.ModelIds.ToList(), TsbModelYears.Format(t.ModelYears), t.IssueDate,
        t.Component, t.CommunicationType, t.DealerDate, t.NhtsaReference, t.RecallId);

    /// <summary>Equal when every field is (the model list by its items, not by reference).</summary>
    public bool SameAs(TsbDraft other) => this with { ModelIds = null } == other with { ModelIds = null }
        && (ModelIds ?? []).SequenceEqual(other.ModelIds ?? []);
}
