using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Signs in through the sign-in form over plain HTTP, as a browser without scripts would: reads the form's antiforgery
/// token, posts the form, and hands back the answer without following its redirect. Cookies are carried by hand, so
/// Secure ones (a portal behind an HTTPS proxy) travel too.
/// </summary>
public static partial class HttpSignIn
{
    public static HttpClient Client(Uri baseAddress, string? sourceAddress = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        if (sourceAddress is not null)
        {
            // Connects from another loopback address (Linux routes all of 127.0.0.0/8 to the loopback device).
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    /// <param name="headers">Extra request headers for both requests, such as X-Forwarded-Proto.</param>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string query = "",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "account/login" + query);
        AddHeaders(get, headers);
        using var page = await client.SendAsync(get);
        page.EnsureSuccessStatusCode();
        var token = TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : "";

        using var post = new HttpRequestMessage(HttpMethod.Post, "account/login" + query)
        {
            Content = new FormUrlEncodedContent([
                new("_handler", "login"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
                new("Input.Email", email), new("Input.Password", password)]),
        };
        AddHeaders(post, headers);
        post.Headers.Add("Cookie", cookies);
        return await client.SendAsync(post);
    }

    /// <summary>The Set-Cookie header that sets the named cookie, or null.</summary>
    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var set) ? set.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) : null;

    private static void AddHeaders(HttpRequestMessage request, IReadOnlyDictionary<string, string>? headers)
    {
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
