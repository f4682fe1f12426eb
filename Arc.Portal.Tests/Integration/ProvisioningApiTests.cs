using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Arc.Domain.Api;
using Arc.Domain.Audit;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// The factory line's provisioning calls over HTTP on the real portal: an Idempotency-Key makes a retried or doubled
/// request provision once and answer alike, the identity file is collected once, and bad requests change nothing.
/// </summary>
public sealed class ProvisioningApiTests(ProvisioningPortal fixture) : IClassFixture<ProvisioningPortal>
{
    private const string Body = """{"modelReleaseId": 3, "options": {"heatedSeats": true}}""";
    private static int _serial = 70_000;
    private PortalServer Portal => fixture.Portal;

    private static string NewVin() => "DEV-" + DemoData.MakeVin('T', 'P', Interlocked.Increment(ref _serial));

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = HttpSignIn.Client(Portal.BaseAddress);
        using var signIn = await HttpSignIn.PostAsync(client, email, password);
        client.DefaultRequestHeaders.Add("Cookie", HttpSignIn.SetCookie(signIn, SessionCookie.DevelopmentName)!.Split(';')[0]);
        return client;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string vin, string body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/vehicles/{Uri.EscapeDataString(vin)}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
            request.Headers.TryAddWithoutValidation(IdempotencyRules.Header, key);
        return client.SendAsync(request);
    }

    private async Task<int> RunsAsync(string vin)
    {
        await using var db = Portal.CreateDb();
        return await db.Set<ProvisioningRun>().CountAsync(r => r.Vin == vin);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_same_answer_without_a_second_run_and_the_identity_is_collected_once()
    {
        using var client = await SignedInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var vin = NewVin();
        var key = Guid.NewGuid().ToString();

        using var first = await PutAsync(client, vin, Body, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain("PRIVATE KEY", firstBody, StringComparison.Ordinal);
        var answer = JsonDocument.Parse(firstBody).RootElement;
        Assert.Equal((vin, "succeeded", $"/api/v1/vehicles/{vin}/identity"),
            (answer.GetProperty("vin").GetString(), answer.GetProperty("status").GetString(), answer.GetProperty("identity").GetString()));
        Assert.Equal(14, answer.GetProperty("steps").GetArrayLength());

        using var again = await PutAsync(client, vin, Body, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues(IdempotencyRules.ReplayedHeader).Single());
        Assert.False(first.Headers.Contains(IdempotencyRules.ReplayedHeader));
        Assert.Equal(1, await RunsAsync(vin));

        using var identity = await client.GetAsync($"api/v1/vehicles/{vin}/identity");
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.Equal("no-store", identity.Headers.CacheControl?.ToString());
        var file = JsonDocument.Parse(await identity.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(vin, file.GetProperty("vin").GetString());
        Assert.Contains("PRIVATE KEY", file.GetProperty("client_key").GetString(), StringComparison.Ordinal);
        Assert.True(file.GetProperty("options").GetProperty("heated_seats").GetBoolean());

        using var twice = await client.GetAsync($"api/v1/vehicles/{vin}/identity");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("given out once", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = Portal.CreateDb();
        var pickup = await db.Set<IdentityPickup>().SingleAsync(p => p.Vin == vin);
        Assert.Null(pickup.Ciphertext);
        Assert.NotNull(pickup.CollectedAt);
        Assert.Equal(1, await db.AuditSet.CountAsync(a => a.EntityId == vin && a.Action == AuditActions.VehicleIdentityCollected));
    }

    [Fact]
    public async Task Two_requests_with_one_key_at_once_provision_once_and_both_get_the_answer()
    {
        using var client = await SignedInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var vin = NewVin();
        var key = Guid.NewGuid().ToString();
        fixture.Fault.Delay = TimeSpan.FromMilliseconds(100);
        HttpResponseMessage[] both;
        try
        {
            both = await Task.WhenAll(PutAsync(client, vin, Body, key), PutAsync(client, vin, Body, key));
        }
        finally
        {
            fixture.Fault.Delay = TimeSpan.Zero;
        }
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(both.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Single(both, r => r.Headers.Contains(IdempotencyRules.ReplayedHeader));
        Assert.Equal(1, await RunsAsync(vin));
        foreach (var response in both)
            response.Dispose();
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_and_a_failed_run_gives_its_key_up_for_the_retry()
    {
        using var client = await SignedInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var vin = NewVin();
        var key = Guid.NewGuid().ToString();
        fixture.Fault.FailAt = "set_telemetry_points";
        try
        {
            using var failed = await PutAsync(client, vin, Body, key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            var problem = JsonDocument.Parse(await failed.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Provisioning failed and was undone.", problem.GetProperty("title").GetString());
            Assert.Equal(14, problem.GetProperty("steps").GetArrayLength());
        }
        finally
        {
            fixture.Fault.FailAt = null;
        }
        // What the failed run undid in the registry goes through the outbox; until then a new run is refused (409).
        await Portal.SideEffectsSettledAsync();
        using var retried = await PutAsync(client, vin, Body, key);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.False(retried.Headers.Contains(IdempotencyRules.ReplayedHeader));
        Assert.Equal(2, await RunsAsync(vin));

        using var other = await PutAsync(client, vin, """{"modelReleaseId": 3, "preservePin": true}""", key);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Contains("different method, path or body", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await RunsAsync(vin));
    }

    [Fact]
    public async Task Malformed_oversized_unknown_and_hostile_input_is_answered_with_a_problem_and_provisions_nothing()
    {
        using var client = await SignedInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var vin = NewVin();
        var cases = new (string Vin, string Body, string? Key, string Expect)[]
        {
            (vin, Body, new string('k', IdempotencyRules.MaxKeyLength + 1), "longer than 255"),
            (vin, Body, "two words", "visible ASCII"),
            (vin, Body, "key\u007F", "visible ASCII"),
            (vin, "{\"modelReleaseId\": 3", null, "not valid JSON"),
            (vin, """{"modelReleaseId": "three"}""", null, "at $.modelReleaseId"),
            (vin, """{"modelReleaseId": 3, "heatedSeats": true}""", null, "a field this operation does not take, at $.heatedSeats"),
            (vin, "", null, "missing or malformed"),
            (vin, """{"modelReleaseId": 0}""", null, "Choose a model release."),
            ("'; DROP TABLE main.vehicle; --", Body, null, "VIN"),
            ("<script>alert(1)</script>", Body, Guid.NewGuid().ToString(), "VIN"),
        };
        foreach (var (target, body, key, expect) in cases)
        {
            using var response = await PutAsync(client, target, body, key);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{target} {body} {key}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(expect, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Arc.", text, StringComparison.Ordinal);
        }
        // A plain-text body (what another site could make a browser send) does not even reach the operation: the route
        // takes only JSON, so the request matches no operation for its method.
        using (var plain = await client.PutAsync($"api/v1/vehicles/{vin}", new StringContent(Body, Encoding.UTF8, "text/plain")))
            Assert.Equal(HttpStatusCode.MethodNotAllowed, plain.StatusCode);
        Assert.Equal(0, await RunsAsync(vin));
        await using var db = Portal.CreateDb();
        Assert.False(await db.Set<IdempotencyRecord>().AnyAsync(r => r.Key == "two words"));
    }

    [Fact]
    public async Task Another_caller_cannot_collect_an_identity_and_an_expired_one_is_erased_by_the_purge()
    {
        using var admin = await SignedInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var vin = NewVin();
        using (var provisioned = await PutAsync(admin, vin, Body, null))
            Assert.Equal(HttpStatusCode.OK, provisioned.StatusCode);
        var email = $"line-{Guid.NewGuid():N}@arc.test";
        var username = await Portal.CreateUserAsync(email);
        await Portal.AddToGroupAsync(username, await Portal.CreateGroupAsync("Line " + Guid.NewGuid().ToString("N")[..6], Arc.Domain.Permissions.Perm.VehicleProvision));
        using var other = await SignedInAsync(email, PortalServer.UserPassword);
        using (var refused = await other.GetAsync($"api/v1/vehicles/{vin}/identity"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await using (var db = Portal.CreateDb())
        {
            await db.Set<IdentityPickup>().Where(p => p.Vin == vin).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
            db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
            {
                Principal = "old", Key = vin, Method = "PUT", Path = "/x", RequestHash = new string('0', 64), CreatedAt = DateTimeOffset.UtcNow.AddDays(-2),
            });
            await db.SaveChangesAsync();
        }
        using (var expired = await admin.GetAsync($"api/v1/vehicles/{vin}/identity"))
        {
            Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
            Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using (var scope = Portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetServices<Arc.Domain.Jobs.IBackgroundJob>().Single(j => j.Kind == PurgeApiRecords.JobKind).RunAsync(0, default);
        await using var check = Portal.CreateDb();
        Assert.Null((await check.Set<IdentityPickup>().SingleAsync(p => p.Vin == vin)).Ciphertext);
        Assert.Equal(1, await check.AuditSet.CountAsync(a => a.EntityId == vin && a.Action == AuditActions.VehicleIdentityExpired));
        Assert.False(await check.Set<IdempotencyRecord>().AnyAsync(r => r.Key == vin));
    }

    [Fact]
    public async Task A_factory_line_credential_provisions_once_under_its_key_and_only_it_collects_the_identity()
    {
        using var line = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Portal.BaseAddress };
        var credential = await Api.ApiClient.CreateCredentialAsync(Portal, "Line 3 " + Guid.NewGuid().ToString("N")[..6], "provision");
        line.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Api.ApiClient.TokenAsync(line, credential));
        var vin = NewVin();
        var key = Guid.NewGuid().ToString();

        using var first = await PutAsync(line, vin, Body, key);
        using var again = await PutAsync(line, vin, Body, key);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await RunsAsync(vin));

        // The same key from another caller is that caller's own key: it runs (re-provisioning here), it replays nothing.
        using (var admin = await SignedInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword))
        {
            using (var refused = await admin.GetAsync($"api/v1/vehicles/{vin}/identity"))
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var own = await PutAsync(admin, vin, """{"modelReleaseId": 3, "preservePin": true}""", key);
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.False(own.Headers.Contains(IdempotencyRules.ReplayedHeader));
        }
        Assert.Equal(2, await RunsAsync(vin));

        using var identity = await line.GetAsync($"api/v1/vehicles/{vin}/identity");
        Assert.Equal(HttpStatusCode.Forbidden, identity.StatusCode);
        await using var db = Portal.CreateDb();
        Assert.Equal("credential:" + credential.ClientId,
            (await db.Set<IdentityPickup>().Where(p => p.Vin == vin).OrderBy(p => p.Id).FirstAsync()).CreatedBy);
    }
}
