using System.Diagnostics;
using System.Text;
using Arc.Domain.Permissions;
using Xunit.Abstractions;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The API permission matrix over mutual TLS (docs/decisions/0051): every <c>/api/v1</c> operation of
/// <see cref="ApiPermissionMatrixTests.Operations"/>, called with a client-certificate credential of each seeded group and
/// no token, is let through exactly when the group holds the permissions the operation needs (403 otherwise), as it is for a
/// credential's bearer token. The inputs are the matrix's own, refused after the permission check, so nothing changes.
/// </summary>
public sealed class ClientCertificatePermissionMatrixTests(MutualTlsPortal fixture, ITestOutputHelper output) : IClassFixture<MutualTlsPortal>
{
    public static TheoryData<string> Groups() => ApiPermissionMatrixTests.Groups();

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task A_certificate_credential_of_each_group_may_call_exactly_the_operations_its_permissions_allow(string group)
    {
        var credential = await fixture.CreateCredentialAsync("Matrix partner " + group, group);
        using var certificate = MutualTlsPortal.Load(credential.Certificate);
        using var client = fixture.Client(certificate);
        var held = SeedGroups.ByMachineName(group).Permissions.ToHashSet();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var (name, operation) in ApiPermissionMatrixTests.Operations)
        {
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Path);
            if (operation.Body is not null)
                request.Content = new StringContent(operation.Body, Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var allowed = operation.Needs.All(held.Contains);
            if (status >= 500 || status == 401 || (status == 403) == allowed)
                failures.Add($"{name}: {(allowed ? "allowed" : "denied")} expected, got {status} {await response.Content.ReadAsStringAsync()}");
        }
        output.WriteLine($"{group}: {ApiPermissionMatrixTests.Operations.Count} operations over mutual TLS in {clock.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, $"{group}:\n" + string.Join("\n", failures));
    }
}
