using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Users;

/// <summary>
/// The user pool in the portal's own database: the same rows that hold the profiles hold the password hash, the
/// status and the MFA preference, and the portal's sign-in page checks them.
/// </summary>
public sealed class LocalUserDirectory(IDbContextFactory<ArcDbContext> contexts, IPasswordHashing hashing, AccountStateStore accounts, TimeProvider time)
    : IUserDirectory
{
    public string Name => "local";

    public async Task<DirectoryUser> CreateAsync(NewDirectoryUser user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var email = user.Email.Trim().ToLowerInvariant();
        if (await db.Set<User>().AnyAsync(u => u.Email == email, ct))
            throw new ConflictException($"An account with the email {email} exists already.");
        var created = new User
        {
            Username = Guid.NewGuid().ToString(),
            Email = email,
            DisplayName = user.Name,
            Phone = user.Phone,
            PasswordHash = hashing.Hash(user.TemporaryPassword),
            MustChangePassword = true,
            TemporaryPasswordExpires = time.GetUtcNow() + TemporaryPasswords.ValidFor,
            Status = DirectoryStatus.ForceChangePassword,
            Created = time.GetUtcNow(),
        };
        db.Set<User>().Add(created);
        await db.SaveChangesAsync(ct);
        return View(created);
    }

    public async Task<DirectoryUser?> GetAsync(string username, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Set<User>().AsNoTracking().FirstOrDefaultAsync(u => u.Username == username, ct);
        return user is null ? null : View(user);
    }

    public async Task<DirectoryPage> ListAsync(string? emailPrefix, int limit, string? nextToken, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Set<User>().AsNoTracking().AsQueryable();
        if (!string.IsNullOrEmpty(emailPrefix))
            query = query.Where(u => u.Email.StartsWith(emailPrefix.ToLowerInvariant()));
        if (nextToken is not null)
            query = query.Where(u => string.Compare(u.Email, nextToken) > 0);
        var page = await query.OrderBy(u => u.Email).Take(limit + 1).ToListAsync(ct);
        var more = page.Count > limit;
        var users = page.Take(limit).Select(View).ToList();
        return new DirectoryPage(users, more ? users[^1].Email : null);
    }

    public Task SetTemporaryPasswordAsync(string username, string temporaryPassword, CancellationToken ct = default) =>
        ChangeAsync(username, user =>
        {
            user.PasswordHash = hashing.Hash(temporaryPassword);
            user.MustChangePassword = true;
            user.TemporaryPasswordExpires = time.GetUtcNow() + TemporaryPasswords.ValidFor;
            user.Status = DirectoryStatus.ForceChangePassword;
            user.RotateSecurityStamp();
        }, ct);

    public Task SetEnabledAsync(string username, bool enabled, CancellationToken ct = default) =>
        ChangeAsync(username, user =>
        {
            user.Enabled = enabled;
            if (!enabled)
                user.RotateSecurityStamp();
        }, ct);

    public async Task DeleteAsync(string username, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<GroupMember>().Where(m => m.Username == username).ExecuteDeleteAsync(ct);
        await db.Set<User>().Where(u => u.Username == username).ExecuteDeleteAsync(ct);
        accounts.Invalidate(username);
    }

    public Task ResetPasswordAsync(string username, CancellationToken ct = default) =>
        ChangeAsync(username, user =>
        {
            user.PasswordHash = null;
            user.MustChangePassword = false;
            user.TemporaryPasswordExpires = null;
            user.Status = DirectoryStatus.ResetRequired;
            user.RotateSecurityStamp();
        }, ct);

    public Task SetMfaAsync(string username, string preference, CancellationToken ct = default) =>
        ChangeAsync(username, user => user.Mfa = preference, ct);

    public Task UpdateAttributesAsync(string username, string? verifiedEmail, string name, string? phone, CancellationToken ct = default) =>
        ChangeAsync(username, user =>
        {
            if (verifiedEmail is not null)
                user.Email = verifiedEmail.Trim().ToLowerInvariant();
            user.DisplayName = name;
            user.Phone = phone;
        }, ct);

    public Task SignOutEverywhereAsync(string username, CancellationToken ct = default) =>
        ChangeAsync(username, user => user.RotateSecurityStamp(), ct);

    private async Task ChangeAsync(string username, Action<User> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.Username == username, ct) ?? throw new NotFoundException("User", username);
        change(user);
        await db.SaveChangesAsync(ct);
        accounts.Invalidate(username);
    }

    private static DirectoryUser View(User user) =>
        new(user.Username, user.Email, user.DisplayName, user.Phone, user.Enabled, user.Status, user.Mfa);
}
