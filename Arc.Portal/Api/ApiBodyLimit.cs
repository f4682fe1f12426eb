namespace Arc.Portal.Api;

/// <summary>
/// The largest request body the API takes (docs/api.md, "Limits"): every operation reads a small JSON document, the
/// largest being a firmware manifest (at most 256 KB). A larger body is refused with 413 and a problem before it is read
/// whole; Kestrel's own limit (30 MB) still guards the rest of the portal.
/// </summary>
public static class ApiBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>The limit as endpoint metadata, which routing applies to the request before the endpoint reads its body.</summary>
    public static Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute Metadata => new(MaxBytes);
}
