namespace Arc.Domain.Tsbs;

/// <summary>A bulletin as the list shows it, with its models' names and its linked recall's campaign number.</summary>
public sealed record TsbView(Tsb Tsb, IReadOnlyList<string> ModelNames, string? RecallNumber);

/// <summary>A bulletin's page: the bulletin and its attachments not removed, oldest first.</summary>
public sealed record TsbDetail(TsbView View, IReadOnlyList<TsbAttachmentView> Attachments);

public sealed record TsbAttachmentView(int Id, string FileName, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>The list's filters: text in the number, title or summary; one model; one model year; deleted ones too.</summary>
public sealed record TsbQuery(string? Search = null, int? ModelId = null, int? ModelYear = null, bool IncludeDeleted = false);

/// <summary>A bulletin that applies to a vehicle, for its Bulletins tab.</summary>
public sealed record VehicleTsbView(int Id, string Number, string Title, string? Component, DateOnly IssueDate, TsbCommunicationType CommunicationType,
    int AttachmentCount);

/// <summary>What the bulletin form offers: the models of the catalogue and the recalls not deleted.</summary>
public sealed record TsbChoices(IReadOnlyList<TsbModelChoice> Models, IReadOnlyList<TsbRecallChoice> Recalls);

public sealed record TsbModelChoice(int Id, string Name);

public sealed record TsbRecallChoice(int Id, string NhtsaNumber, string Title);
