using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Arc.Infrastructure.Aws;

/// <summary>AWS credentials for one request: an access key, its secret, and a session token for temporary ones.</summary>
public sealed record AwsCredentials(string AccessKey, string SecretKey, string? SessionToken = null);

/// <summary>
/// Signature Version 4 (AWS documentation, "Signing AWS API requests"), for the services whose SDK packages are not
/// used here (IoT, IoT Data, Cognito, SES). Checked against the published test suite and against the aws4 package.
/// </summary>
public static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Adds x-amz-date (and x-amz-security-token) and the Authorization header to the request.</summary>
    public static async Task SignAsync(HttpRequestMessage request, AwsCredentials credentials, string region, string service,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.SessionToken is not null)
        {
            request.Headers.Remove("X-Amz-Security-Token");
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
        }
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.RequestUri!.IsDefaultPort ? request.RequestUri.Host : $"{request.RequestUri.Host}:{request.RequestUri.Port}",
        };
        foreach (var header in request.Headers.Where(h => h.Key != "Authorization"))
            headers[header.Key.ToLowerInvariant()] = Trim(string.Join(",", header.Value));
        if (request.Content is not null)
        {
            // Computing the length puts Content-Length among the headers, so it is signed as it will be sent.
            _ = request.Content.Headers.ContentLength;
            foreach (var header in request.Content.Headers)
                headers[header.Key.ToLowerInvariant()] = Trim(string.Join(",", header.Value));
        }
        var authorization = Authorization(request.Method.Method, request.RequestUri, headers, body, credentials, region, service, amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
    }

    /// <summary>The Authorization header for a request whose headers (lower-case names) are already known.</summary>
    public static string Authorization(string method, Uri uri, IReadOnlyDictionary<string, string> headers, byte[] body,
        AwsCredentials credentials, string region, string service, string amzDate)
    {
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var signedHeaders = string.Join(";", headers.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var canonicalRequest = string.Join("\n",
            method,
            CanonicalPath(uri.AbsolutePath, service),
            CanonicalQuery(uri.Query),
            string.Concat(headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            Hex(SHA256.HashData(body)));
        var stringToSign = string.Join("\n", Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        return $"{Algorithm} Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>Each path segment URI-encoded; every service but S3 encodes the already-encoded path once more.</summary>
    private static string CanonicalPath(string absolutePath, string service)
    {
        if (string.IsNullOrEmpty(absolutePath))
            return "/";
        var segments = absolutePath.Split('/').Select(s => Encode(Uri.UnescapeDataString(s)));
        if (service != "s3")
            segments = segments.Select(Encode);
        return string.Join("/", segments);
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
            return "";
        return string.Join("&", query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(at < 0 ? pair : pair[..at]);
                var value = at < 0 ? "" : Uri.UnescapeDataString(pair[(at + 1)..]);
                return (Name: Encode(name), Value: Encode(value));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>RFC 3986 encoding: everything but unreserved characters, upper-case hex.</summary>
    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
                builder.Append(c);
            else
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static string Trim(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
