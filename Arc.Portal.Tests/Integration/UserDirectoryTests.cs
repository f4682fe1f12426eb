using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.Users;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// One contract for the user-pool port, run against each adapter: the local one on PostgreSQL and the Cognito one
/// against cognito-local, a real implementation of Cognito's user pool API.
/// </summary>
public abstract class UserDirectoryContract
{
    protected abstract IUserDirectory Directory { get; }

    private static NewDirectoryUser NewUser(string name = "Quinn Contract") =>
        new($"quinn-{Guid.NewGuid():N}@example.com", name, "+15415550123", "Tmp-Passw0rd!x");

    [Fact]
    public async Task A_created_account_is_invited_and_found_by_its_subject()
    {
        var request = NewUser();
        var created = await Directory.CreateAsync(request);

        Assert.True(Guid.TryParse(created.Username, out _), created.Username);
        var found = await Directory.GetAsync(created.Username);
        Assert.NotNull(found);
        Assert.Equal((request.Email, "Quinn Contract", "+15415550123", DirectoryStatus.ForceChangePassword, true),
            (found.Email, found.Name, found.Phone, found.Status, found.Enabled));
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_is_a_conflict()
    {
        var request = NewUser();
        await Directory.CreateAsync(request);
        await Assert.ThrowsAsync<ConflictException>(() => Directory.CreateAsync(request with { Name = "Other" }));
    }

    [Fact]
    public async Task An_unknown_account_is_not_found() => Assert.Null(await Directory.GetAsync(Guid.NewGuid().ToString()));

    [Fact]
    public async Task Disable_enable_update_and_a_new_temporary_password_are_seen_by_the_next_read()
    {
        var created = await Directory.CreateAsync(NewUser());

        await Directory.SetEnabledAsync(created.Username, false);
        Assert.False((await Directory.GetAsync(created.Username))!.Enabled);
        await Directory.SetEnabledAsync(created.Username, true);
        Assert.True((await Directory.GetAsync(created.Username))!.Enabled);

        await Directory.UpdateAttributesAsync(created.Username, null, "Quinn Renamed", "+15415550199");
        var updated = await Directory.GetAsync(created.Username);
        Assert.Equal(("Quinn Renamed", "+15415550199", created.Email), (updated!.Name, updated.Phone, updated.Email));

        // Only an address the portal confirmed reaches the pool.
        var confirmed = $"quinn-moved-{Guid.NewGuid():N}@example.com";
        await Directory.UpdateAttributesAsync(created.Username, confirmed, "Quinn Renamed", "+15415550199");
        Assert.Equal(confirmed, (await Directory.GetAsync(created.Username))!.Email);

        await Directory.SetTemporaryPasswordAsync(created.Username, "Other-Tmp-Passw0rd!");
        Assert.Equal(DirectoryStatus.ForceChangePassword, (await Directory.GetAsync(created.Username))!.Status);
    }

    [Fact]
    public async Task Listing_includes_new_accounts_and_deleting_removes_them()
    {
        var created = await Directory.CreateAsync(NewUser());
        var listed = new List<DirectoryUser>();
        string? token = null;
        do
        {
            var page = await Directory.ListAsync(null, 60, token);
            listed.AddRange(page.Users);
            token = page.NextToken;
        }
        while (token is not null);
        Assert.Contains(listed, u => u.Username == created.Username && u.Email == created.Email);

        await Directory.DeleteAsync(created.Username);
        Assert.Null(await Directory.GetAsync(created.Username));
    }

    [Fact]
    public async Task Operations_on_an_unknown_account_say_not_found()
    {
        // (cognito-local answers NotAuthorized rather than UserNotFound for attribute updates, so those are not compared.)
        var nobody = Guid.NewGuid().ToString();
        await Assert.ThrowsAsync<NotFoundException>(() => Directory.SetEnabledAsync(nobody, false));
        await Assert.ThrowsAsync<NotFoundException>(() => Directory.SetTemporaryPasswordAsync(nobody, "Tmp-Passw0rd!x"));
    }
}

public sealed class LocalUserDirectoryTests(PortalServer portal) : UserDirectoryContract, IClassFixture<PortalServer>
{
    protected override IUserDirectory Directory => portal.Services.GetRequiredService<IUserDirectory>();

    [Fact]
    public void The_portal_uses_the_local_directory_unless_a_user_pool_is_configured() => Assert.Equal("local", Directory.Name);

    [Fact]
    public async Task A_reset_makes_the_password_unusable_and_mfa_and_sign_out_are_kept()
    {
        var created = await Directory.CreateAsync(new NewDirectoryUser($"rae-{Guid.NewGuid():N}@example.com", "Rae", null, "Tmp-Passw0rd!x"));
        await Directory.SetMfaAsync(created.Username, MfaPreference.Required);
        await Directory.ResetPasswordAsync(created.Username);
        var reset = await Directory.GetAsync(created.Username);
        Assert.Equal((DirectoryStatus.ResetRequired, MfaPreference.Required), (reset!.Status, reset.Mfa));
        await using var db = portal.CreateDb();
        var stamp = db.UserSet.Single(u => u.Username == created.Username).SecurityStamp;
        await Directory.SignOutEverywhereAsync(created.Username);
        await using var after = portal.CreateDb();
        Assert.NotEqual(stamp, after.UserSet.Single(u => u.Username == created.Username).SecurityStamp);
    }
}

/// <summary>cognito-local with one user pool that signs in by email, as the portal's pool does.</summary>
public sealed class CognitoLocal : IAsyncLifetime
{
    public NodePeer Peer { get; private set; } = default!;
    public string UserPoolId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Peer = await NodePeer.StartAsync("cognito-local/lib/bin/start.js", _ => [], "health");
        var pool = await CognitoDirectoryTests.CallAsync(Peer.Url, "CreateUserPool", new JsonObject
        {
            ["PoolName"] = "arc-tests", ["UsernameAttributes"] = new JsonArray("email"),
        });
        UserPoolId = pool["UserPool"]!["Id"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await Peer.DisposeAsync();
}

public sealed class CognitoDirectoryTests(CognitoLocal cognito) : UserDirectoryContract, IClassFixture<CognitoLocal>
{
    private sealed class FixedCredentials : IAwsCredentialSource
    {
        public Task<AwsCredentials> GetAsync(CancellationToken ct = default) =>
            Task.FromResult(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    }

    private static CognitoUserDirectory Create(Uri endpoint, string poolId, HttpMessageHandler inner) =>
        new(new HttpClient(new SigV4Handler(new FixedCredentials(), "us-west-2", CognitoUserDirectory.SigningName, TimeProvider.System) { InnerHandler = inner })
        {
            BaseAddress = endpoint,
        }, poolId, TimeProvider.System);

    protected override IUserDirectory Directory => Create(cognito.Peer.Url, cognito.UserPoolId, new HttpClientHandler());

    /// <summary>A bare JSON 1.1 call, for setting the peer up.</summary>
    public static async Task<JsonObject> CallAsync(Uri endpoint, string operation, JsonObject body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task An_invited_account_signs_in_with_its_temporary_password_and_is_asked_for_a_new_one()
    {
        var created = await Directory.CreateAsync(new NewDirectoryUser($"sam-{Guid.NewGuid():N}@example.com", "Sam", null, "Tmp-Passw0rd!x"));
        var client = await CallAsync(cognito.Peer.Url, "CreateUserPoolClient", new JsonObject { ["UserPoolId"] = cognito.UserPoolId, ["ClientName"] = "portal" });
        var auth = await CallAsync(cognito.Peer.Url, "InitiateAuth", new JsonObject
        {
            ["ClientId"] = client["UserPoolClient"]!["ClientId"]!.GetValue<string>(),
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = created.Email, ["PASSWORD"] = "Tmp-Passw0rd!x" },
        });
        Assert.Equal("NEW_PASSWORD_REQUIRED", auth["ChallengeName"]!.GetValue<string>());
    }

    /// <summary>Records what would go to Cognito and answers like it.</summary>
    private sealed class Recorder : HttpMessageHandler
    {
        public List<(string Target, string ContentType, string Authorization, JsonObject Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Headers.GetValues("X-Amz-Target").Single(), request.Content!.Headers.ContentType!.ToString(),
                request.Headers.GetValues("Authorization").Single(), JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))!.AsObject()));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1") };
        }
    }

    // The operations cognito-local does not implement: checked for the exact request Cognito's API reference describes.
    [Fact]
    public async Task Reset_mfa_global_sign_out_and_the_new_password_challenge_send_the_documented_requests()
    {
        var recorder = new Recorder();
        var directory = Create(new Uri("https://cognito-idp.us-west-2.amazonaws.com/"), "us-west-2_Example", recorder);

        await directory.ResetPasswordAsync("sub-1");
        await directory.SetMfaAsync("sub-1", MfaPreference.Required);
        await directory.SetMfaAsync("sub-1", MfaPreference.Off);
        await directory.SignOutEverywhereAsync("sub-1");
        await directory.RespondToNewPasswordChallengeAsync("client-1", "session-1", "ann@example.com", "New-Passw0rd!");

        Assert.Equal(
            ["AdminResetUserPassword", "AdminSetUserMFAPreference", "AdminSetUserMFAPreference", "AdminUserGlobalSignOut", "AdminRespondToAuthChallenge"],
            recorder.Requests.Select(r => r.Target.Replace("AWSCognitoIdentityProviderService.", "", StringComparison.Ordinal)));
        Assert.All(recorder.Requests, r =>
        {
            Assert.StartsWith("application/x-amz-json-1.1", r.ContentType, StringComparison.Ordinal);
            Assert.Matches("^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/[0-9]{8}/us-west-2/cognito-idp/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$", r.Authorization);
        });
        Assert.Equal("""{"UserPoolId":"us-west-2_Example","Username":"sub-1"}""", recorder.Requests[0].Body.ToJsonString());
        Assert.Equal("""{"UserPoolId":"us-west-2_Example","Username":"sub-1","SoftwareTokenMfaSettings":{"Enabled":true,"PreferredMfa":true}}""",
            recorder.Requests[1].Body.ToJsonString());
        Assert.Equal("""{"UserPoolId":"us-west-2_Example","Username":"sub-1","SoftwareTokenMfaSettings":{"Enabled":false,"PreferredMfa":false}}""",
            recorder.Requests[2].Body.ToJsonString());
        Assert.Equal("""{"UserPoolId":"us-west-2_Example","Username":"sub-1"}""", recorder.Requests[3].Body.ToJsonString());
        Assert.Equal("""{"UserPoolId":"us-west-2_Example","ClientId":"client-1","ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"session-1","ChallengeResponses":{"USERNAME":"ann@example.com","NEW_PASSWORD":"New-Passw0rd!"}}""",
            recorder.Requests[4].Body.ToJsonString());
    }
}
