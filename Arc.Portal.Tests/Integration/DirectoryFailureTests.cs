using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Arc.Infrastructure.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>The local directory, or, while <see cref="Failing"/> is set, a directory that cannot be reached for changes.</summary>
public sealed class FailingDirectory(IUserDirectory inner) : IUserDirectory
{
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public string Name => inner.Name;
    public Task<DirectoryUser?> GetAsync(string username, CancellationToken ct = default) => inner.GetAsync(username, ct);
    public Task<DirectoryPage> ListAsync(string? emailPrefix, int limit, string? nextToken, CancellationToken ct = default) => inner.ListAsync(emailPrefix, limit, nextToken, ct);
    public Task<DirectoryUser> CreateAsync(NewDirectoryUser user, CancellationToken ct = default) => Unless(() => inner.CreateAsync(user, ct));
    public Task SetTemporaryPasswordAsync(string username, string temporaryPassword, CancellationToken ct = default) =>
        Unless(() => inner.SetTemporaryPasswordAsync(username, temporaryPassword, ct));
    public Task SetEnabledAsync(string username, bool enabled, CancellationToken ct = default) => Unless(() => inner.SetEnabledAsync(username, enabled, ct));
    public Task DeleteAsync(string username, CancellationToken ct = default) => Unless(() => inner.DeleteAsync(username, ct));
    public Task ResetPasswordAsync(string username, CancellationToken ct = default) => Unless(() => inner.ResetPasswordAsync(username, ct));
    public Task SetMfaAsync(string username, string preference, CancellationToken ct = default) => Unless(() => inner.SetMfaAsync(username, preference, ct));
    public Task UpdateAttributesAsync(string username, string? verifiedEmail, string name, string? phone, CancellationToken ct = default) =>
        Unless(() => inner.UpdateAttributesAsync(username, verifiedEmail, name, phone, ct));
    public Task SignOutEverywhereAsync(string username, CancellationToken ct = default) => Unless(() => inner.SignOutEverywhereAsync(username, ct));

    private Task Unless(Func<Task> call) => Failing ? Task.FromException(Unreachable()) : call();

    private Task<T> Unless<T>(Func<Task<T>> call) => Failing ? Task.FromException<T>(Unreachable()) : call();

    private static ServiceUnavailableException Unreachable() =>
        new("The user pool could not be reached; try again later.", new HttpRequestException("connection refused"));
}

public sealed class FailingDirectoryPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new();
    public FailingDirectory Directory => (FailingDirectory)Portal.Services.GetRequiredService<IUserDirectory>();

    public Task InitializeAsync()
    {
        Portal.ConfigureServices = services =>
        {
            services.AddSingleton<LocalUserDirectory>();
            services.AddSingleton<IUserDirectory>(sp => new FailingDirectory(sp.GetRequiredService<LocalUserDirectory>()));
        };
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>
/// A change in the user directory is audited before the directory is asked (the intent) and after (the outcome), so
/// nothing done there goes unrecorded; when the directory fails, the failure is recorded and the database is unchanged.
/// </summary>
public sealed class DirectoryFailureTests(FailingDirectoryPortal fixture) : IClassFixture<FailingDirectoryPortal>
{
    private PortalServer Portal => fixture.Portal;

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task AsAdminAsync(Func<IServiceProvider, Task> action) => AsAdminAsync(async sp =>
    {
        await action(sp);
        return 0;
    });

    /// <summary>Runs the change while the directory fails, and returns the error the caller got.</summary>
    private async Task<ServiceUnavailableException> WhileFailingAsync(Func<IServiceProvider, Task> change)
    {
        fixture.Directory.Failing = true;
        try
        {
            return await Assert.ThrowsAsync<ServiceUnavailableException>(() => AsAdminAsync(change));
        }
        finally
        {
            fixture.Directory.Failing = false;
        }
    }

    private async Task<List<AuditEvent>> EventsAsync(string entityId)
    {
        await using var db = Portal.CreateDb();
        return await db.AuditSet.AsNoTracking().Where(a => a.EntityType == AuditEntityTypes.User && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<User> AccountAsync(string username)
    {
        await using var db = Portal.CreateDb();
        return await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == username);
    }

    [Fact]
    public async Task A_failed_disable_leaves_its_intent_and_failure_in_the_audit_log_and_the_account_enabled()
    {
        var username = await Portal.CreateUserAsync($"dir-disable-{Guid.NewGuid():N}@arc.test", "support");

        var error = await WhileFailingAsync(sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(username, enabled: false));

        Assert.Equal("The user pool could not be reached; try again later.", error.Message);
        var events = await EventsAsync(username);
        Assert.Equal([AuditActions.UserDisabledRequested, AuditActions.UserDisabledFailed], events.Select(e => e.Action));
        Assert.Contains("could not be reached", events[1].Summary, StringComparison.Ordinal);
        Assert.True((await AccountAsync(username)).Enabled);

        await AsAdminAsync(sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(username, enabled: false));
        Assert.Equal([AuditActions.UserDisabledRequested, AuditActions.UserDisabledFailed, AuditActions.UserDisabledRequested, AuditActions.UserDisabled],
            (await EventsAsync(username)).Select(e => e.Action));
        Assert.False((await AccountAsync(username)).Enabled);
    }

    [Fact]
    public async Task A_failed_profile_change_leaves_its_intent_and_failure_and_the_old_name()
    {
        var username = await Portal.CreateUserAsync($"dir-name-{Guid.NewGuid():N}@arc.test", "support");
        var before = await AccountAsync(username);

        await WhileFailingAsync(sp => sp.GetRequiredService<UpdateUserProfile>().HandleAsync(username, new ProfileChange("Renamed Person", before.Email, null)));

        Assert.Equal([AuditActions.UserProfileChangedRequested, AuditActions.UserProfileChangedFailed], (await EventsAsync(username)).Select(e => e.Action));
        Assert.Equal(before.DisplayName, (await AccountAsync(username)).DisplayName);
    }

    [Fact]
    public async Task A_failed_mfa_change_and_a_failed_delete_change_nothing_in_the_database()
    {
        var username = await Portal.CreateUserAsync($"dir-mfa-{Guid.NewGuid():N}@arc.test", "support");

        await WhileFailingAsync(sp => sp.GetRequiredService<SetUserMfa>().HandleAsync(username, MfaPreference.Required));
        await WhileFailingAsync(sp => sp.GetRequiredService<DeleteUser>().HandleAsync(username));

        Assert.Equal([AuditActions.UserMfaChangedRequested, AuditActions.UserMfaChangedFailed, AuditActions.UserDeletedRequested, AuditActions.UserDeletedFailed],
            (await EventsAsync(username)).Select(e => e.Action));
        var account = await AccountAsync(username);
        Assert.Equal(MfaPreference.Off, account.Mfa);
        await using var db = Portal.CreateDb();
        Assert.True(await db.GroupMemberSet.AnyAsync(m => m.Username == username));
    }

    [Fact]
    public async Task A_failed_creation_leaves_its_intent_and_failure_against_the_email_and_no_account()
    {
        var email = $"dir-new-{Guid.NewGuid():N}@arc.test";

        await WhileFailingAsync(sp => sp.GetRequiredService<CreateUser>().HandleAsync(new NewUser("New Person", email, null)));

        Assert.Equal([AuditActions.UserCreatedRequested, AuditActions.UserCreatedFailed], (await EventsAsync(email)).Select(e => e.Action));
        await using var db = Portal.CreateDb();
        Assert.False(await db.UserSet.AnyAsync(u => u.Email == email));

        var username = await AsAdminAsync(sp => sp.GetRequiredService<CreateUser>().HandleAsync(new NewUser("New Person", email, null)));
        Assert.Equal(AuditActions.UserCreated, Assert.Single(await EventsAsync(username)).Action);
    }
}
