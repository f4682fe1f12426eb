using Arc.Domain.Common;

namespace Arc.Domain.Tsbs;

/// <summary>
/// A technical service bulletin (the old <c>tsb</c> table, spec/backend.md §2, which had no behaviour): the maker's
/// bulletin number, what it is about, the models and model years it applies to, and the fields NHTSA's index of
/// manufacturer communications asks for. A deleted bulletin keeps its row (<see cref="TsbStatus.Deleted"/>) and is
/// hidden unless a reader asks for it.
/// </summary>
public class Tsb : IVersioned
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 4000;
    public const int MaxComponentLength = 200;

    public int Id { get; set; }
    /// <summary>The maker's bulletin number, upper case (<see cref="TsbNumber"/>); unique among bulletins not deleted.</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public string? Component { get; set; }
    public DateOnly IssueDate { get; set; }
    public TsbCommunicationType CommunicationType { get; set; }
    /// <summary>When the bulletin went to dealers, as the NHTSA index records it.</summary>
    public DateOnly? DealerDate { get; set; }
    /// <summary>NHTSA's own number for the communication once it is filed (<see cref="TsbNhtsaReference"/>).</summary>
    public string? NhtsaReference { get; set; }
    public int? RecallId { get; set; }
    /// <summary>Ids of models in the model catalogue (<c>vehicle_model</c>), ascending.</summary>
    public List<int> ModelIds { get; set; } = [];
    /// <summary>The model years it applies to, ascending, each once.</summary>
    public List<int> ModelYears { get; set; } = [];
    public TsbStatus Status { get; set; } = TsbStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public uint Version { get; set; }
}

public enum TsbStatus
{
    Active = 0,
    Deleted = 1,
}

/// <summary>
/// The kind of communication to dealers, as NHTSA's manufacturer communications index sorts them (49 CFR 579.5): a
/// technical service bulletin, a service campaign, a customer satisfaction program or a warranty extension.
/// </summary>
public enum TsbCommunicationType
{
    ServiceBulletin = 0,
    ServiceCampaign = 1,
    CustomerSatisfaction = 2,
    WarrantyExtension = 3,
}

/// <summary>A PDF file of a bulletin, kept in the file store under <see cref="FileKey"/>; a removed one keeps its row and file.</summary>
public class TsbAttachment
{
    public int Id { get; set; }
    public int TsbId { get; set; }
    public required string FileName { get; set; }
    public required string FileKey { get; set; }
    public long Size { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

/// <summary>Stable audit action codes of bulletins and their attachments.</summary>
public static class TsbAuditActions
{
    public const string Created = "tsb.created";
    public const string Edited = "tsb.edited";
    public const string Deleted = "tsb.deleted";
    public const string AttachmentAdded = "tsb_attachment.added";
    public const string AttachmentDeleted = "tsb_attachment.deleted";
    public const string AttachmentDownloaded = "tsb_attachment.downloaded";
    public const string Entity = "Tsb";
}
