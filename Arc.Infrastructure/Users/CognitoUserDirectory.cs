using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Arc.Infrastructure.Aws;

namespace Arc.Infrastructure.Users;

/// <summary>
/// The user pool in Amazon Cognito, through its JSON 1.1 API (<c>X-Amz-Target: AWSCognitoIdentityProviderService.*</c>,
/// SigV4 service <c>cognito-idp</c>). Accounts are created with the email as sign-in alias and the invitation
/// suppressed: the portal sends its own, through its outbox, so every environment invites the same way. The portal's
/// username for an account is its Cognito <c>sub</c>, which Cognito accepts wherever it asks for a username.
/// </summary>
public sealed class CognitoUserDirectory(HttpClient http, string userPoolId, TimeProvider time) : IUserDirectory
{
    public const string SigningName = "cognito-idp";
    private const string Target = "AWSCognitoIdentityProviderService.";
    private const string AttributeName = "Name";
    private const string Service = "The user directory (Cognito)";

    public string Name => "cognito";

    public async Task<DirectoryUser> CreateAsync(NewDirectoryUser user, CancellationToken ct = default)
    {
        var attributes = new JsonArray(Attribute("email", user.Email), Attribute("email_verified", "true"), Attribute("name", user.Name));
        if (user.Phone is not null)
            attributes.Add(Attribute("phone_number", user.Phone));
        var result = await CallAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = user.Email,
            ["TemporaryPassword"] = user.TemporaryPassword,
            ["MessageAction"] = "SUPPRESS",
            ["UserAttributes"] = attributes,
        }, ct);
        return View(result["User"] as JsonObject ?? throw AwsRest.Unreadable(Service, "AdminCreateUser answered without a user"), "Attributes");
    }

    public async Task<DirectoryUser?> GetAsync(string username, CancellationToken ct = default)
    {
        try
        {
            var result = await CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username }, ct);
            return View(result, "UserAttributes");
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public async Task<DirectoryPage> ListAsync(string? emailPrefix, int limit, string? nextToken, CancellationToken ct = default)
    {
        var body = new JsonObject { ["UserPoolId"] = userPoolId, ["Limit"] = Math.Clamp(limit, 1, 60) };
        if (!string.IsNullOrEmpty(emailPrefix))
            body["Filter"] = $"email ^= \"{emailPrefix.Replace("\\", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)}\"";
        if (nextToken is not null)
            body["PaginationToken"] = nextToken;
        var result = await CallAsync("ListUsers", body, ct);
        var users = (result["Users"] as JsonArray ?? []).OfType<JsonObject>().Select(u => View(u, "Attributes")).ToList();
        return new DirectoryPage(users, TextOrNull(result, "PaginationToken"));
    }

    public Task SetTemporaryPasswordAsync(string username, string temporaryPassword, CancellationToken ct = default) =>
        CallAsync("AdminSetUserPassword", new JsonObject
        {
            ["UserPoolId"] = userPoolId, ["Username"] = username, ["Password"] = temporaryPassword, ["Permanent"] = false,
        }, ct);

    public Task SetEnabledAsync(string username, bool enabled, CancellationToken ct = default) =>
        CallAsync(enabled ? "AdminEnableUser" : "AdminDisableUser", Subject(username), ct);

    public Task DeleteAsync(string username, CancellationToken ct = default) => CallAsync("AdminDeleteUser", Subject(username), ct);

    public Task ResetPasswordAsync(string username, CancellationToken ct = default) => CallAsync("AdminResetUserPassword", Subject(username), ct);

    public Task SetMfaAsync(string username, string preference, CancellationToken ct = default)
    {
        var body = Subject(username);
        body["SoftwareTokenMfaSettings"] = new JsonObject
        {
            ["Enabled"] = preference != MfaPreference.Off,
            ["PreferredMfa"] = preference == MfaPreference.Required,
        };
        return CallAsync("AdminSetUserMFAPreference", body, ct);
    }

    public Task UpdateAttributesAsync(string username, string? verifiedEmail, string name, string? phone, CancellationToken ct = default)
    {
        var body = Subject(username);
        var attributes = new JsonArray(Attribute("name", name), Attribute("phone_number", phone ?? ""));
        // Only an address the portal confirmed with a code is marked verified; an unconfirmed one is never sent.
        if (verifiedEmail is not null)
        {
            attributes.Add(Attribute("email", verifiedEmail));
            attributes.Add(Attribute("email_verified", "true"));
        }
        body["UserAttributes"] = attributes;
        return CallAsync("AdminUpdateUserAttributes", body, ct);
    }

    public Task SignOutEverywhereAsync(string username, CancellationToken ct = default) => CallAsync("AdminUserGlobalSignOut", Subject(username), ct);

    /// <summary>
    /// Answers Cognito's NEW_PASSWORD_REQUIRED challenge for an invited user who signs in through Cognito's API (the
    /// portal's own page does this for local accounts).
    /// </summary>
    public Task<JsonObject> RespondToNewPasswordChallengeAsync(string clientId, string session, string username, string newPassword, CancellationToken ct = default) =>
        CallAsync("AdminRespondToAuthChallenge", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["ClientId"] = clientId,
            ["ChallengeName"] = "NEW_PASSWORD_REQUIRED",
            ["Session"] = session,
            ["ChallengeResponses"] = new JsonObject { ["USERNAME"] = username, ["NEW_PASSWORD"] = newPassword },
        }, ct);

    private JsonObject Subject(string username) => new() { ["UserPoolId"] = userPoolId, ["Username"] = username };

    private static JsonObject Attribute(string name, string value) => new() { [AttributeName] = name, ["Value"] = value };

    private async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken ct)
    {
        var text = body.ToJsonString();
        using var response = await AwsRest.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(text, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            request.Headers.Add("X-Amz-Target", Target + operation);
            return request;
        }, time, ct);
        JsonObject json;
        try
        {
            json = await AwsRest.ReadAsync(response, Service, ct);
        }
        catch (ServiceUnavailableException) when (!response.IsSuccessStatusCode)
        {
            // An error page from a proxy in front of Cognito: only the status is known.
            json = [];
        }
        if (response.IsSuccessStatusCode)
            return json;
        var type = (TextOrNull(json, "__type") ?? "").Split('#')[^1];
        var message = TextOrNull(json, "message") ?? TextOrNull(json, "Message") ?? response.ReasonPhrase ?? "no message";
        // What Cognito said stays inside, for the log; the portal's error carries a plain sentence.
        var detail = new AwsServiceException($"Cognito {operation} ({type})", response.StatusCode, message);
        throw type switch
        {
            "UsernameExistsException" or "AliasExistsException" => new ConflictException("The user directory already holds a user with this email address.", detail),
            "UserNotFoundException" or "ResourceNotFoundException" => new NotFoundException("User", TextOrNull(body, "Username") ?? "?", detail),
            "InvalidPasswordException" => new ValidationFailedException("password", "The user directory refused the password: it does not meet the directory's password policy.", detail),
            "InvalidParameterException" => new ValidationFailedException("request", "The user directory refused the request as invalid.", detail),
            "" => AwsRest.Translate(response.StatusCode, Service, TextOrNull(body, "Username") ?? "?", detail),
            _ => new ServiceUnavailableException("The user directory (Cognito) did not carry out the request; try again later.", detail),
        };
    }

    private static string? TextOrNull(JsonObject json, string field) =>
        json[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DirectoryUser View(JsonObject user, string attributesKey)
    {
        var attributes = (user[attributesKey] as JsonArray ?? []).OfType<JsonObject>().Where(a => TextOrNull(a, AttributeName) is not null)
            .ToDictionary(a => TextOrNull(a, AttributeName)!, a => TextOrNull(a, "Value"), StringComparer.Ordinal);
        var preferred = TextOrNull(user, "PreferredMfaSetting");
        var settings = (user["UserMFASettingList"] as JsonArray ?? []).Select(s => s is JsonValue v && v.TryGetValue<string>(out var t) ? t : "").ToList();
        var mfa = preferred == "SOFTWARE_TOKEN_MFA" ? MfaPreference.Required : settings.Contains("SOFTWARE_TOKEN_MFA") ? MfaPreference.Optional : MfaPreference.Off;
        var enabled = user["Enabled"] is not JsonValue flag || !flag.TryGetValue<bool>(out var on) || on;
        return new DirectoryUser(attributes.GetValueOrDefault("sub") ?? AwsRest.Text(user, "Username", Service), attributes.GetValueOrDefault("email") ?? "",
            attributes.GetValueOrDefault("name"), string.IsNullOrEmpty(attributes.GetValueOrDefault("phone_number")) ? null : attributes["phone_number"],
            enabled, TextOrNull(user, "UserStatus") ?? DirectoryStatus.Confirmed, mfa);
    }
}
