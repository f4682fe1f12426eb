using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Domain.Api;
using Arc.Domain.Firmware;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The firmware pipeline's endpoint on the real portal (a manifest recorded with a service credential, retried safely, bad
/// ones refused whole) and the API reference page (staff only, served without any outside address).
/// </summary>
public sealed partial class FirmwareReleaseApiTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? token, byte[] manifest, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/firmware/releases") { Content = new ByteArrayContent(manifest) };
        request.Headers.ExpectContinue = manifest.Length > 64 * 1024;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
            request.Headers.Add(IdempotencyRules.Header, key);
        return await client.SendAsync(request);
    }

    private async Task<int> ReleaseCountAsync()
    {
        await using var db = portal.CreateDb();
        return await db.Set<FirmwareRelease>().CountAsync();
    }

    [Fact]
    public async Task The_pipeline_records_a_manifest_and_a_retry_with_its_key_gets_the_same_answer()
    {
        using var client = Client();
        var token = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Firmware pipeline", "all"));
        var hashes = new Dictionary<string, string>();
        var manifest = FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddHours(-1), hashes, only: ["Comm Firmware"]);
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, token, manifest, key);
        var body = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, body);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["Comm Firmware"], answer.GetProperty("released").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(hashes["Comm Firmware"], answer.GetProperty("components")[0].GetProperty("hash").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("commit").GetString()));
        var count = await ReleaseCountAsync();

        using var again = await PostAsync(client, token, manifest, key);
        Assert.Equal(body, await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues(IdempotencyRules.ReplayedHeader).Single());
        using var resent = await PostAsync(client, token, manifest);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Empty(JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement.GetProperty("released").EnumerateArray());
        Assert.Equal(count, await ReleaseCountAsync());
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(e => e.Action == FirmwareAuditActions.ReleaseRecorded && e.Actor.StartsWith("credential:")));
    }

    [Fact]
    public async Task Without_the_permission_or_a_token_nothing_is_recorded()
    {
        using var client = Client();
        var reader = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Reader", "support"));
        var before = await ReleaseCountAsync();
        using var refused = await PostAsync(client, reader, FirmwareTestData.FullManifest(DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var anonymous = await PostAsync(client, null, FirmwareTestData.FullManifest(DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(before, await ReleaseCountAsync());
    }

    [Fact]
    public async Task Bad_manifests_are_400_problems_naming_the_fault_and_record_nothing()
    {
        using var client = Client();
        var token = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Pipeline bad input", "all"));
        var before = await ReleaseCountAsync();
        var date = DateTimeOffset.UtcNow.ToString("O");
        var bad = new Dictionary<string, string>
        {
            ["is not a known firmware component"] = """{"firmware": {"x.bin": {"hash": "abcdef1", "date": "DATE", "name": "Flux Capacitor"}}}""".Replace("DATE", date, StringComparison.Ordinal),
            ["hash must be"] = """{"firmware": {"c.bin": {"hash": "not-hex!", "date": "DATE", "name": "Comm Firmware"}}}""".Replace("DATE", date, StringComparison.Ordinal),
            ["not valid JSON"] = """{"firmware": {""",
            ["object with one entry"] = """[1, 2, 3]""",
            ["at most 256 KB"] = "{\"firmware\": {}, \"pad\": \"" + new string('a', 300 * 1024) + "\"}",
            ["Send the manifest"] = "",
        };
        foreach (var (expected, manifest) in bad)
        {
            using var response = await PostAsync(client, token, Encoding.UTF8.GetBytes(manifest));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{expected}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        using var oversized = await PostAsync(client, token, new byte[1_200_000]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal("application/problem+json", oversized.Content.Headers.ContentType?.MediaType);
        using var form = new HttpRequestMessage(HttpMethod.Post, "api/v1/firmware/releases") { Content = new StringContent("firmware=x", Encoding.UTF8, "text/plain") };
        form.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var plain = await client.SendAsync(form);
        Assert.True(plain.StatusCode == HttpStatusCode.UnsupportedMediaType, await plain.Content.ReadAsStringAsync());
        Assert.Equal(before, await ReleaseCountAsync());
    }

    [Fact]
    public async Task The_reference_page_is_for_signed_in_staff_and_names_no_outside_address()
    {
        using var anonymousClient = Client();
        using var anonymous = await anonymousClient.GetAsync("api/reference");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var credential = await ApiClient.TokenAsync(anonymousClient, await ApiClient.CreateCredentialAsync(portal, "Reference", "all"));
        using var byToken = await ApiClient.GetAsync(anonymousClient, "api/reference", credential);
        Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode);

        using var staff = HttpSignIn.Client(portal.BaseAddress);
        using var signIn = await HttpSignIn.PostAsync(staff, PortalServer.AdminEmail, PortalServer.AdminPassword);
        staff.DefaultRequestHeaders.Add("Cookie", HttpSignIn.SetCookie(signIn, SessionCookie.DevelopmentName)!.Split(';')[0]);
        using var bare = await staff.GetAsync("api/reference");
        Assert.True(bare.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently, $"{(int)bare.StatusCode}");
        using var page = bare.Headers.Location is { } moved ? await staff.GetAsync(new Uri(new Uri(portal.BaseAddress, "api/reference"), moved)) : null;
        var html = await (page ?? bare).Content.ReadAsStringAsync();
        Assert.True((page ?? bare).StatusCode == HttpStatusCode.OK, html);
        var own = portal.BaseAddress.GetLeftPart(UriPartial.Authority);
        var outside = OutsideAddress().Matches(html).Select(m => m.Value).Where(u => !u.StartsWith(own, StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, string.Join(", ", outside));
        foreach (var script in ScriptSource().Matches(html).Select(m => m.Groups[1].Value))
        {
            using var asset = await staff.GetAsync(new Uri(new Uri(portal.BaseAddress, "api/reference/"), script));
            Assert.True(asset.StatusCode == HttpStatusCode.OK, script);
        }
    }

    [GeneratedRegex("""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>]*""", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideAddress();

    [GeneratedRegex("<script[^>]+src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
