using System.ComponentModel.DataAnnotations;

namespace Arc.Infrastructure.Files;

/// <summary><c>Files</c>: where generated files are kept, a local directory (the default) or an S3 bucket.</summary>
public sealed class FilesOptions : IValidatableObject
{
    public const string Section = "Files";

    /// <summary><c>local</c> or <c>s3</c>.</summary>
    public string Provider { get; set; } = "local";

    /// <summary>The local store's directory; by default <c>.data/files</c> beside the portal's other data.</summary>
    public string? Directory { get; set; }

    /// <summary>The bucket of the S3 store, e.g. arcimoto-yrisk.</summary>
    public string? Bucket { get; set; }

    /// <summary>The bucket's region; Aws:Region when empty.</summary>
    [RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    public string? Region { get; set; }

    /// <summary>An S3-compatible stand-in (s3rver in the tests); its keys below are used only with it.</summary>
    public Uri? ServiceUrl { get; set; }

    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    /// <summary>How long one S3 request may take before the store counts as unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsS3 => string.Equals(Provider, "s3", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsS3 && !string.Equals(Provider, "local", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult($"Files:Provider must be local or s3, not '{Provider}'.", [nameof(Provider)]);
        if (IsS3 && string.IsNullOrWhiteSpace(Bucket))
            yield return new ValidationResult("Files:Bucket must be set when Files:Provider is s3.", [nameof(Bucket)]);
        if (ServiceUrl is not null && (!ServiceUrl.IsAbsoluteUri || ServiceUrl.Scheme is not ("http" or "https")))
            yield return new ValidationResult("Files:ServiceUrl must be a full http(s) URL, e.g. http://127.0.0.1:4568.", [nameof(ServiceUrl)]);
    }
}
