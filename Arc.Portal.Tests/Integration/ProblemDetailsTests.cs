using System.Net;
using System.Text.Json;
using Arc.Domain.Common;
using Arc.Portal.Endpoints;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal with one extra endpoint, marked like the portal's own, that fails with the error a test names.</summary>
public sealed class ProblemPortal : IAsyncLifetime
{
    public const string Secret = "Host=10.0.0.5;Password=hunter2";

    public PortalServer Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.ConfigureApp = app => app.MapGet("/test/fail/{kind}", (Func<string, IResult>)Fail).AllowAnonymous().WithDomainProblems();
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();

    private static IResult Fail(string kind) => throw kind switch
    {
        "validation" => new ValidationFailedException("name", "The name is required."),
        "signed-out" => new NotSignedInException(),
        "denied" => new PermissionDeniedException("vehicle.read"),
        "missing" => new NotFoundException("Vehicle", "DEV-1"),
        "conflict" => ConflictException.ChangedBySomeoneElse("The vehicle"),
        "limited" => new TooManyRequestsException("Too many exports; try again in an hour."),
        "unavailable" => new ServiceUnavailableException("AWS cannot be reached right now; try again later.", new HttpRequestException(Secret)),
        _ => (Exception)new InvalidOperationException(Secret),
    };
}

public sealed class ProblemDetailsTests(ProblemPortal fixture) : IClassFixture<ProblemPortal>
{
    private async Task<(HttpResponseMessage Response, JsonElement Problem)> GetAsync(HttpClient client, string path, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(RequestCorrelation.Header, reference);
        var response = await client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var problem = json.RootElement.Clone();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.Equal(reference, problem.GetProperty("traceId").GetString());
        return (response, problem);
    }

    [Theory]
    [InlineData("validation", HttpStatusCode.BadRequest, "The name is required.")]
    [InlineData("signed-out", HttpStatusCode.Unauthorized, "You must sign in first.")]
    [InlineData("denied", HttpStatusCode.Forbidden, "vehicle.read")]
    [InlineData("missing", HttpStatusCode.NotFound, "Vehicle 'DEV-1' does not exist.")]
    [InlineData("conflict", HttpStatusCode.Conflict, "changed by someone else")]
    [InlineData("limited", HttpStatusCode.TooManyRequests, "try again in an hour")]
    [InlineData("unavailable", HttpStatusCode.ServiceUnavailable, "try again later (reference ref-problem-1)")]
    [InlineData("bug", HttpStatusCode.InternalServerError, "The request could not be completed (reference ref-problem-1)")]
    public async Task Each_domain_error_is_answered_with_its_status_as_problem_details(string kind, HttpStatusCode status, string detail)
    {
        using var client = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        var (response, problem) = await GetAsync(client, $"test/fail/{kind}", "ref-problem-1");
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(problem.TryGetProperty("exception", out _));
        }
    }

    [Fact]
    public async Task A_validation_problem_lists_the_field_errors()
    {
        using var client = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        var (response, problem) = await GetAsync(client, "test/fail/validation", "ref-problem-2");
        response.Dispose();
        Assert.Equal("The name is required.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task A_download_that_does_not_exist_is_a_not_found_problem()
    {
        using var client = HttpSignIn.Client(fixture.Portal.BaseAddress);
        using var signIn = await HttpSignIn.PostAsync(client, PortalServer.AdminEmail, PortalServer.AdminPassword);
        var cookie = HttpSignIn.SetCookie(signIn, SessionCookie.DevelopmentName)!.Split(';')[0];
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var (response, problem) = await GetAsync(client, "telemetry/exports/987654.csv.gz", "ref-problem-3");
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("987654", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_downloads()
    {
        using var client = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        using var response = await client.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = json.RootElement.GetProperty("paths");
        var download = paths.GetProperty("/telemetry/exports/{id}.csv.gz").GetProperty("get");
        Assert.Equal("DownloadTelemetryExport", download.GetProperty("operationId").GetString());
        Assert.True(download.GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(paths.TryGetProperty("/vehicles/provision/bulk/{jobId}/identities.zip", out _));
        Assert.False(paths.TryGetProperty("/test/fail/{kind}", out _), "only named endpoints are described");
    }
}
