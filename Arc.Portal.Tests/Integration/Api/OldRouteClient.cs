using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>Calls as an old client made them, and the checks of the old answers' shapes (spec/backend.md Appendix B).</summary>
public static class OldRouteClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? token,
        string? json = null, string contentType = "application/json")
    {
        // A large body waits for the portal's go-ahead, so a refusal (413) arrives before it is sent.
        using var request = new HttpRequestMessage(method, path) { Headers = { ExpectContinue = json?.Length > 64 * 1024 } };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path, string? token) =>
        SendAsync(client, HttpMethod.Get, path, token);

    /// <summary>The object has exactly these fields, no more and no fewer.</summary>
    public static void HasFields(JsonElement element, params string[] fields)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        Assert.Equal(fields.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>An old function's error: <c>{"errorMessage", "errorType"}</c> with the status of §0.6.</summary>
    public static void IsOldError((HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status, string type, string? containing = null)
    {
        Assert.True(answer.Status == status, $"{(int)answer.Status}: {answer.Body}");
        HasFields(answer.Body, "errorMessage", "errorType");
        Assert.Equal(type, answer.Body.GetProperty("errorType").GetString());
        if (containing is not null)
            Assert.Contains(containing, answer.Body.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The old gateway's refusal of a call without a valid token.</summary>
    public static void IsGatewayRefusal((HttpStatusCode Status, JsonElement Body) answer)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        HasFields(answer.Body, "message");
        Assert.Equal("Unauthorized", answer.Body.GetProperty("message").GetString());
    }
}
