namespace Arc.Portal.Security;

/// <summary>The headers every response carries: a script policy without inline script, no framing, no sniffing.</summary>
public static class SecurityHeaders
{
    /// <summary>Set in a request's items by an endpoint that writes its own Content-Security-Policy.</summary>
    public const string OwnPolicyKey = "arc:own-content-security-policy";

    // MudBlazor positions popovers and sets colours with style attributes, hence 'unsafe-inline' for styles only.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The policy, with the map tile server (if one is configured) allowed as an image source.</summary>
    public static string PolicyWithTiles(Uri? tileOrigin) => tileOrigin is null
        ? ContentSecurityPolicy
        : ContentSecurityPolicy.Replace("img-src 'self' data: blob:;", $"img-src 'self' data: blob: {tileOrigin.GetLeftPart(UriPartial.Authority)};", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, Uri? tileOrigin = null)
    {
        var policy = PolicyWithTiles(tileOrigin);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // A page that needs a hashed policy (the API reference) sets its own and says so; the framework's own
                // header (Blazor's frame-ancestors) is replaced by the portal's, which includes it.
                if (!context.Items.ContainsKey(OwnPolicyKey))
                    headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}

/// <summary>Map tiles for the maps (<c>Portal:Map</c>); without a tile URL they draw the offline base map the portal ships.</summary>
public sealed class MapOptions
{
    public const string Section = "Portal:Map";

    /// <summary>A tile URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png (respect the server's usage policy).</summary>
    public string? TileUrl { get; set; }
    public string? Attribution { get; set; }

    public Uri? TileOrigin => Uri.TryCreate(TileUrl?.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme == "https" ? uri : null;
}
