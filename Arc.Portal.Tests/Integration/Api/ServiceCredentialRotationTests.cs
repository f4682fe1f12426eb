using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Credentials;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// Rotation, expiry and revocation on the real database, with the use cases on a clock the test moves: the old secret
/// is valid through the overlap and refused after it, the new one throughout; an expired credential gets no token.
/// </summary>
public sealed class ServiceCredentialRotationTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private sealed record Kit(CreateServiceCredential Create, RotateServiceCredentialSecret Rotate, RevokeServiceCredential Revoke,
        ServiceCredentialAuthenticator Authenticate, ListServiceCredentials List, CreateCertificateCredential CreateWithCertificate,
        RotateCredentialCertificate RotateCertificate);

    private Kit On(IServiceProvider services)
    {
        var data = services.GetRequiredService<IArcDataFactory>();
        var user = services.GetRequiredService<ICurrentUser>();
        var audit = new AuditTrail(services.GetRequiredService<ICorrelation>(), _clock);
        var states = services.GetRequiredService<ICredentialStateCache>();
        var authority = services.GetRequiredService<IClientCertificateAuthority>();
        var create = new CreateServiceCredential(data, user, audit, _clock);
        var rotate = new RotateServiceCredentialSecret(data, user, audit, _clock, states);
        return new Kit(create, rotate, new RevokeServiceCredential(data, user, audit, _clock, states), new ServiceCredentialAuthenticator(data, audit, _clock),
            new ListServiceCredentials(data, user, _clock), new CreateCertificateCredential(create, authority), new RotateCredentialCertificate(rotate, authority));
    }

    private static NewServiceCredential Draft(string name, DateTimeOffset expires) => new(name, null, [Arc.Domain.Permissions.SeedGroups.ByMachineName("support").Id], expires);

    [Fact]
    public async Task Both_secrets_are_valid_during_the_overlap_and_only_the_new_one_after_it()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var kit = On(scope.ServiceProvider);
        var first = await kit.Create.HandleAsync(Draft($"Overlap {Guid.NewGuid():N}", _clock.GetUtcNow().AddDays(30)));
        _clock.Advance(TimeSpan.FromDays(1));
        var second = await kit.Rotate.HandleAsync(first.CredentialId, TimeSpan.FromHours(2));

        _clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await kit.Authenticate.AuthenticateAsync(first.ClientId, first.Secret));
        Assert.NotNull(await kit.Authenticate.AuthenticateAsync(second.ClientId, second.Secret));
        var listed = (await kit.List.HandleAsync(new CredentialQuery(first.ClientId))).Items.Single();
        // PostgreSQL keeps microseconds; the clock has ticks.
        Assert.InRange((listed.OldSecretValidUntil!.Value - _clock.GetUtcNow().AddSeconds(1)).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await kit.Authenticate.AuthenticateAsync(first.ClientId, first.Secret));
        Assert.NotNull(await kit.Authenticate.AuthenticateAsync(second.ClientId, second.Secret));
        Assert.Null((await kit.List.HandleAsync(new CredentialQuery(first.ClientId))).Items.Single().OldSecretValidUntil);

        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(e => e.Action == AuditActions.CredentialTokenRefused && e.EntityId == first.CredentialId.ToString()
            && e.Summary.Contains("secret expired")));
        Assert.True(await db.AuditSet.AnyAsync(e => e.Action == AuditActions.CredentialRotated && e.EntityId == first.CredentialId.ToString()));
    }

    [Fact]
    public async Task A_second_rotation_during_an_overlap_ends_the_oldest_secret_at_once()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var kit = On(scope.ServiceProvider);
        var first = await kit.Create.HandleAsync(Draft($"Twice {Guid.NewGuid():N}", _clock.GetUtcNow().AddDays(30)));
        var second = await kit.Rotate.HandleAsync(first.CredentialId, TimeSpan.FromDays(1));
        var third = await kit.Rotate.HandleAsync(first.CredentialId, TimeSpan.FromDays(1));

        Assert.Null(await kit.Authenticate.AuthenticateAsync(first.ClientId, first.Secret));
        Assert.NotNull(await kit.Authenticate.AuthenticateAsync(first.ClientId, second.Secret));
        Assert.NotNull(await kit.Authenticate.AuthenticateAsync(first.ClientId, third.Secret));
    }

    [Fact]
    public async Task An_expired_credential_gets_no_token_and_cannot_be_rotated()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var kit = On(scope.ServiceProvider);
        var issued = await kit.Create.HandleAsync(Draft($"Expiring {Guid.NewGuid():N}", _clock.GetUtcNow().AddDays(1)));
        Assert.NotNull(await kit.Authenticate.AuthenticateAsync(issued.ClientId, issued.Secret));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(await kit.Authenticate.AuthenticateAsync(issued.ClientId, issued.Secret));
        await Assert.ThrowsAsync<ConflictException>(() => kit.Rotate.HandleAsync(issued.CredentialId, TimeSpan.Zero));
        Assert.Equal(CredentialStatus.Expired, (await kit.List.HandleAsync(new CredentialQuery(issued.ClientId))).Items.Single().Status);
    }

    [Fact]
    public async Task A_revoked_credential_stays_listed_as_revoked_and_cannot_be_revoked_again()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var kit = On(scope.ServiceProvider);
        var issued = await kit.Create.HandleAsync(Draft($"Revoking {Guid.NewGuid():N}", _clock.GetUtcNow().AddDays(10)));
        await kit.Revoke.HandleAsync(issued.CredentialId);

        Assert.Null(await kit.Authenticate.AuthenticateAsync(issued.ClientId, issued.Secret));
        Assert.Equal(CredentialStatus.Revoked, (await kit.List.HandleAsync(new CredentialQuery(issued.ClientId))).Items.Single().Status);
        await Assert.ThrowsAsync<ConflictException>(() => kit.Revoke.HandleAsync(issued.CredentialId));
        await Assert.ThrowsAsync<ConflictException>(() => kit.Rotate.HandleAsync(issued.CredentialId, TimeSpan.Zero));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_reason_and_nothing_is_stored()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var kit = On(scope.ServiceProvider);
        var now = _clock.GetUtcNow();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var drafts = new[]
        {
            Draft($"Past {unique}", now.AddMinutes(-1)),
            Draft($"Far {unique}", now.AddYears(3)),
            Draft($"Bidi\u202E{unique}", now.AddDays(1)),
            Draft(new string('x', 101), now.AddDays(1)),
            new NewServiceCredential($"No groups {unique}", null, [], now.AddDays(1)),
            new NewServiceCredential($"Unknown group {unique}", null, [987_654], now.AddDays(1)),
            new NewServiceCredential($"Long {unique}", new string('d', 501), [1], now.AddDays(1)),
        };
        foreach (var draft in drafts)
            await Assert.ThrowsAsync<ValidationFailedException>(() => kit.Create.HandleAsync(draft));
        await Assert.ThrowsAsync<ValidationFailedException>(() => kit.Rotate.HandleAsync(1, TimeSpan.FromDays(-1)));
        await Assert.ThrowsAsync<NotFoundException>(() => kit.Revoke.HandleAsync(987_654));

        var existing = await kit.Create.HandleAsync(Draft($"Taken {unique}", now.AddDays(1)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => kit.Create.HandleAsync(Draft($"TAKEN {unique}", now.AddDays(1))));
        await using var db = portal.CreateDb();
        Assert.Equal(1, await db.Set<ServiceCredential>().CountAsync(c => c.Name.Contains(unique) || c.Name.Length > 100));
        Assert.Equal(existing.CredentialId, await db.Set<ServiceCredential>().Where(c => c.Name.Contains(unique)).Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public async Task Nobody_hands_out_a_credential_with_permissions_they_do_not_hold()
    {
        var holder = await portal.CreateUserAsync($"cred-writer-{Guid.NewGuid():N}@arc.test");
        var group = await portal.CreateGroupAsync($"Credential writers {Guid.NewGuid():N}"[..30], Arc.Domain.Permissions.Perm.CredentialWrite, Arc.Domain.Permissions.Perm.CredentialRead);
        await using (var db = portal.CreateDb())
        {
            db.GroupMemberSet.Add(new Arc.Domain.Permissions.GroupMember { Username = holder, GroupId = group });
            await db.SaveChangesAsync();
        }
        await using var scope = await portal.AsUserAsync(holder);
        var kit = On(scope.ServiceProvider);
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            kit.Create.HandleAsync(Draft($"Escalation {Guid.NewGuid():N}", _clock.GetUtcNow().AddDays(1))));
        Assert.Contains("do not hold", refused.Message, StringComparison.Ordinal);
        var own = await kit.Create.HandleAsync(new NewServiceCredential($"Own {Guid.NewGuid():N}", null, [group], _clock.GetUtcNow().AddDays(1)));
        Assert.StartsWith(CredentialSecrets.ClientIdPrefix, own.ClientId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replaced_certificate_is_valid_during_the_overlap_then_refused_with_its_reason_recorded()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var kit = On(scope.ServiceProvider);
        var first = await kit.CreateWithCertificate.HandleAsync(Draft($"Certificate overlap {Guid.NewGuid():N}", _clock.GetUtcNow().AddDays(30)));
        var second = await kit.RotateCertificate.HandleAsync(first.CredentialId, TimeSpan.FromDays(2));
        Assert.NotNull(await kit.Authenticate.AuthenticateCertificateAsync(first.Certificate.Thumbprint));
        Assert.NotNull(await kit.Authenticate.AuthenticateCertificateAsync(second.Certificate.Thumbprint));
        // A certificate proves nothing at the token endpoint, whatever secret comes with its client id.
        Assert.Null(await kit.Authenticate.AuthenticateAsync(first.ClientId, first.Certificate.Thumbprint));

        _clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
        Assert.Null(await kit.Authenticate.AuthenticateCertificateAsync(first.Certificate.Thumbprint));
        Assert.Equal(second.Certificate.Thumbprint, (await kit.Authenticate.AuthenticateCertificateAsync(second.Certificate.Thumbprint)) is { } ok
            ? await ThumbprintAsync(ok.SecretId) : null);
        Assert.Null(await kit.Authenticate.AuthenticateCertificateAsync(new string('0', 64)));

        await using var db = portal.CreateDb();
        var refusal = await db.AuditSet.SingleAsync(e => e.Action == AuditActions.CredentialCertificateRefused
            && e.EntityId == first.CredentialId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("certificate replaced", refusal.Summary, StringComparison.Ordinal);
    }

    private async Task<string?> ThumbprintAsync(int secretId)
    {
        await using var db = portal.CreateDb();
        return (await db.Set<ServiceCredentialSecret>().SingleAsync(s => s.Id == secretId)).CertificateThumbprint;
    }
}
