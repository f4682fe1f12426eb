namespace Arc.Portal.Security;

/// <summary>
/// Where the portal may send a browser after sign-in: only its own pages (no open redirect). Anything else becomes
/// "/". The checks run on the text as given and on its percent-decoded form, since browsers, proxies and the portal's
/// own navigation each decode at different points, and a path like <c>/%2F%2Fevil</c> can turn into <c>//evil</c>.
/// </summary>
public static class ReturnUrls
{
    public const string Home = "/";
    public const int MaxLength = 2000;

    /// <summary>Only this many rounds of decoding; a text that still changes after them is refused.</summary>
    private const int DecodingRounds = 4;

    private static readonly Uri Site = new("https://portal.invalid/");

    public static string Safe(string? url) => IsSafe(url) ? url! : Home;

    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !url.StartsWith('/'))
            return false;
        // Browsers drop tabs and new lines inside a URL, so "/\t/evil" is "//evil" to them.
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return false;
        if (Decoded(url) is not { } path || !IsLocalPath(path))
            return false;
        // The last word to the URL parser: relative, and resolving to this site.
        return Uri.TryCreate(url, UriKind.Relative, out var relative)
            && new Uri(Site, relative) is var target && target.Scheme == Site.Scheme && target.Authority == Site.Authority;
    }

    private static bool IsLocalPath(string path)
    {
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
            return false;
        if (path.Any(c => c == '\\' || char.IsControl(c)))
            return false;
        // The sign-in pages themselves: returning to them would loop or sign the user out again.
        var route = path.Split('?', '#')[0].TrimEnd('/');
        return !route.Equals("/account", StringComparison.OrdinalIgnoreCase)
            && !route.StartsWith("/account/", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Decoded(string url)
    {
        for (var round = 0; round < DecodingRounds; round++)
        {
            var next = Uri.UnescapeDataString(url);
            if (next == url)
                return url;
            url = next;
        }
        return null;
    }
}
