namespace Arc.Domain.Recalls;

/// <summary>A recall as the list and detail pages show it, with its remedy when it has one.</summary>
public sealed record RecallView(Recall Recall, RecallRemedy? Remedy);

public sealed record RecallQuery(string? Search = null, bool SafetyOnly = false, bool IncludeDeleted = false);
