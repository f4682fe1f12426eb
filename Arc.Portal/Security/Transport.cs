using System.Net;
using Arc.Portal.Auth;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Arc.Portal.Security;

/// <summary>
/// The proxies whose X-Forwarded-For and X-Forwarded-Proto the portal believes (<c>Portal:ForwardedHeaders</c>). With
/// neither list set only loopback proxies are believed (ASP.NET Core's default); setting either replaces that default.
/// Each accepts a list (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>, …) or one comma-separated value.
/// </summary>
public sealed record TrustedProxies(IReadOnlyList<IPAddress> Proxies, IReadOnlyList<IPNetwork> Networks)
{
    public const string Section = "Portal:ForwardedHeaders";

    public bool Configured => Proxies.Count > 0 || Networks.Count > 0;

    public static TrustedProxies From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new TrustedProxies(
            Values(section.GetSection("KnownProxies")).Select(v => IPAddress.TryParse(v, out var address) ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{v}' is not an IP address.")).ToList(),
            Values(section.GetSection("KnownNetworks")).Select(v => IPNetwork.TryParse(v, out var network) ? network
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{v}' is not a network in CIDR form (10.0.0.0/8).")).ToList());
    }

    public void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        if (!Configured)
            return;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Proxies)
            options.KnownProxies.Add(proxy);
        foreach (var network in Networks)
            options.KnownIPNetworks.Add(network);
    }

    private static IEnumerable<string> Values(IConfigurationSection list) =>
        (list.Value is { } single ? single.Split(',') : list.GetChildren().Select(c => c.Value ?? ""))
        .Select(v => v.Trim()).Where(v => v.Length > 0);
}

/// <summary>HSTS and the trusted proxies.</summary>
public static class Transport
{
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static void AddTransportSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            o.IncludeSubDomains = true;
        });
        var proxies = TrustedProxies.From(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(proxies.ApplyTo);
    }
}

/// <summary>
/// The session cookie: named by <c>Portal:Auth:CookieName</c>, by default <c>__Host-arc.session</c>, and
/// <c>arc.session</c> in Development, which runs on plain http where browsers drop a __Host- cookie (it must be
/// Secure). Secure outside Development, on path "/" and without a domain, as the __Host- prefix requires.
/// </summary>
public sealed record SessionCookie(string Name, CookieSecurePolicy SecurePolicy)
{
    public const string SecureName = "__Host-arc.session";
    public const string DevelopmentName = "arc.session";
    private const string HostPrefix = "__Host-";

    /// <summary>The cookie for this environment; a __Host- name on a cookie that may go without Secure stops the start.</summary>
    public static SessionCookie For(IConfiguration configuration, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        var configured = configuration.GetSection(PortalAuthOptions.Section).Get<PortalAuthOptions>()?.CookieName?.Trim();
        var cookie = new SessionCookie(string.IsNullOrEmpty(configured) ? development ? DevelopmentName : SecureName : configured,
            development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        if (cookie.Name.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase) && cookie.SecurePolicy != CookieSecurePolicy.Always)
            throw new InvalidOperationException($"Portal:Auth:CookieName '{cookie.Name}' must be a Secure cookie, which Development " +
                $"(plain http) does not make; use '{DevelopmentName}' there.");
        return cookie;
    }

    public void ApplyTo(CookieBuilder cookie)
    {
        cookie.Name = Name;
        cookie.SecurePolicy = SecurePolicy;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
    }
}
