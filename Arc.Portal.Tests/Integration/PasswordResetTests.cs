using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Arc.Portal.Tests.Integration;

/// <summary>"Forgot password": codes, their limits across codes, the throttles, and what is audited.</summary>
public sealed class PasswordResetTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private const string NewPassword = "Fresh-Reset-Passw0rd!";

    // Each test counts against a client address of its own.
    private readonly string _client = $"client-{Guid.NewGuid():N}";

    private async Task<string> CreateUserAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@arc.test";
        await portal.CreateUserAsync(email, "support");
        return email;
    }

    private async Task<(string Answer, string? Code)> RequestResetAsync(string email, string? client = null, TimeProvider? time = null,
        PasswordResetOptions? options = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var answer = await Create<RequestPasswordReset>(scope.ServiceProvider, time, options).HandleAsync(email, client ?? _client);
        return (answer, await LastCodeAsync(email));
    }

    private async Task ResetAsync(string email, string? code, string password = NewPassword, string? confirm = null, string? client = null,
        TimeProvider? time = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await Create<ResetPasswordWithCode>(scope.ServiceProvider, time, null).HandleAsync(email, code, password, confirm ?? password, client ?? _client);
    }

    /// <summary>The use case as the portal builds it, on another clock or with other throttles when given.</summary>
    private static T Create<T>(IServiceProvider services, TimeProvider? time, PasswordResetOptions? options) =>
        ActivatorUtilities.CreateInstance<T>(services, new object?[] { time, options }.OfType<object>().ToArray());

    /// <summary>The code of the newest reset email, read from the delivered email as the user would; null when none was sent.</summary>
    private async Task<string?> LastCodeAsync(string email) =>
        await portal.Mailbox.LatestAsync(email.ToLowerInvariant(), EmailTemplates.PasswordReset) is { } mail
            ? System.Text.RegularExpressions.Regex.Match(mail.Text, "choose a new password: ([0-9]{6})").Groups[1].Value
            : null;

    private async Task<int> CodesSentAsync(string email)
    {
        await using var db = portal.CreateDb();
        return await db.OutboxEmailSet.CountAsync(e => e.To == email && e.Template == EmailTemplates.PasswordReset);
    }

    private async Task<User> AccountAsync(string email)
    {
        await using var db = portal.CreateDb();
        return await db.UserSet.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    private async Task<List<AuditEvent>> AuditAsync(string email)
    {
        var username = (await AccountAsync(email)).Username;
        await using var db = portal.CreateDb();
        return await db.AuditSet.Where(a => a.EntityId == username).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<bool> SignsInAsync(string email, string password)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SignInWithPassword>().HandleAsync(email, password)).Succeeded;
    }

    private static string WrongFor(string? code) => code == "000000" ? "000001" : "000000";

    [Fact]
    public async Task Guesses_sent_all_at_once_get_no_more_tries_than_one_at_a_time()
    {
        var email = await CreateUserAsync("burst");
        var (_, code) = await RequestResetAsync(email);
        var wrong = WrongFor(code);
        // Twenty guesses in parallel, from twenty clients: each reads the same stored count.
        var guesses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await ResetAsync(email, wrong, client: $"{_client}-{i}");
                return "accepted";
            }
            catch (Arc.Domain.Common.DomainException e)
            {
                return e.Message;
            }
        }));
        Assert.DoesNotContain("accepted", guesses);
        var wrongCounted = (await AuditAsync(email)).Count(a => a.Action == AuditActions.UserPasswordResetCodeWrong);
        Assert.InRange(wrongCounted, 1, ResetPasswordWithCode.MaxAttempts);
        // The code is spent: even the right one no longer works.
        await Assert.ThrowsAsync<Arc.Domain.Common.ValidationFailedException>(() => ResetAsync(email, code, client: $"{_client}-after"));
        Assert.False(await SignsInAsync(email, NewPassword));
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_with_an_emailed_code()
    {
        var email = await CreateUserAsync("wes");
        var (answer, code) = await RequestResetAsync(email.ToUpperInvariant());
        Assert.Equal(RequestPasswordReset.Answer, answer);
        Assert.Matches("^[0-9]{6}$", code);
        // A second request within the minute sends nothing more.
        await RequestResetAsync(email);
        Assert.Equal(1, await CodesSentAsync(email));

        var policy = await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, code, "short"));
        Assert.Contains("at least 12", policy.Message, StringComparison.Ordinal);
        var common = await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, code, "Sunshine2024!"));
        Assert.Contains("commonly used", common.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, code, "Wes-New-Passw0rd!", "Wes-Other-Passw0rd!"));
        await ResetAsync(email, code, "Wes-New-Passw0rd!");
        Assert.True(await SignsInAsync(email, "Wes-New-Passw0rd!"));
        Assert.False(await SignsInAsync(email, PortalServer.UserPassword));
        await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, code, "Wes-Again-Passw0rd!")); // used
        Assert.Contains(AuditActions.UserPasswordReset, (await AuditAsync(email)).Select(a => a.Action));
    }

    [Fact]
    public async Task Unknown_addresses_get_the_same_answer_and_five_wrong_codes_void_the_code()
    {
        var (answer, code) = await RequestResetAsync($"nobody-{Guid.NewGuid():N}@arc.test");
        Assert.Equal(RequestPasswordReset.Answer, answer);
        Assert.Null(code);

        var email = await CreateUserAsync("xan");
        var (_, real) = await RequestResetAsync(email);
        for (var i = 0; i < ResetPasswordWithCode.MaxAttempts; i++)
            await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, WrongFor(real)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, real));
        Assert.True(await SignsInAsync(email, PortalServer.UserPassword));
        var wrong = (await AuditAsync(email)).Where(a => a.Action == AuditActions.UserPasswordResetCodeWrong).ToList();
        Assert.Equal(5, wrong.Count);
        Assert.All(wrong, a => Assert.Equal(AuditTrail.AnonymousActor, a.Actor));
        Assert.Contains("\"failures\":5", wrong[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_wrong_codes_across_codes_lock_resets_for_a_day_even_for_the_right_code()
    {
        var email = await CreateUserAsync("yul");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // Enough requests for this story; the per-address throttle has a test of its own.
        var roomy = new PasswordResetOptions { RequestsPerAddress = 10 };
        var (_, first) = await RequestResetAsync(email, time: time, options: roomy);
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, WrongFor(first), time: time));
        var (_, second) = await RequestResetAsync(email, time: time, options: roomy);
        Assert.NotEqual(first, second);
        Assert.Equal(5, (await AccountAsync(email)).ResetFailures); // a new code does not wipe the count
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, WrongFor(second), time: time));
        var tenth = await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, WrongFor(second), time: time));
        var until = time.GetUtcNow() + ResetPasswordWithCode.LockDuration;
        var expected = $"Too many wrong codes: password reset is locked for this account until {until.UtcDateTime:HH:mm} UTC; ask an administrator.";
        Assert.Equal(expected, tenth.Message);

        // The right code is refused too, and asking again sends nothing but gives the same answer.
        var right = await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, second, time: time));
        Assert.Equal(expected, right.Message);
        time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(RequestPasswordReset.Answer, (await RequestResetAsync(email, time: time, options: roomy)).Answer);
        Assert.Equal(2, await CodesSentAsync(email));
        Assert.True(await SignsInAsync(email, PortalServer.UserPassword));

        // A day later it works again, and the count starts afresh.
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var (_, third) = await RequestResetAsync(email, time: time, options: roomy);
        Assert.NotNull(third);
        Assert.Equal(3, await CodesSentAsync(email));
        await ResetAsync(email, third, time: time);
        Assert.True(await SignsInAsync(email, NewPassword));
        var account = await AccountAsync(email);
        Assert.Equal(0, account.ResetFailures);
        Assert.Null(account.ResetLockedUntil);

        var audit = await AuditAsync(email);
        Assert.Equal(10, audit.Count(a => a.Action == AuditActions.UserPasswordResetCodeWrong));
        Assert.Contains("\"failures\":10", audit.Single(a => a.Action == AuditActions.UserPasswordResetLocked).Summary, StringComparison.Ordinal);
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.UserPasswordResetRefused)); // the right code, the locked request
        Assert.Equal(3, audit.Count(a => a.Action == AuditActions.UserPasswordResetRequested));
        Assert.Single(audit, a => a.Action == AuditActions.UserPasswordReset);
    }

    [Fact]
    public async Task Code_requests_are_throttled_per_address_and_change_nothing_once_throttled()
    {
        var email = await CreateUserAsync("zoe");
        for (var i = 0; i < 3; i++)
            Assert.Equal(RequestPasswordReset.Answer, (await RequestResetAsync(email, client: $"{_client}-{i}")).Answer);
        var before = await AuditAsync(email);
        var refused = await Assert.ThrowsAsync<TooManyRequestsException>(() => RequestResetAsync(email, client: $"{_client}-new"));
        Assert.Equal("Too many code requests from your network or for this address. Wait 15 minutes and try again.", refused.Message);
        Assert.Equal(1, await CodesSentAsync(email));
        Assert.Equal(before.Count, (await AuditAsync(email)).Count);

        // Unknown addresses count the same, so the throttle says nothing about who has an account.
        var nobody = $"nobody-{Guid.NewGuid():N}@arc.test";
        for (var i = 0; i < 3; i++)
            await RequestResetAsync(nobody, client: $"{_client}-{i}");
        await Assert.ThrowsAsync<TooManyRequestsException>(() => RequestResetAsync(nobody, client: $"{_client}-new"));
    }

    [Fact]
    public async Task Code_requests_and_code_entries_are_throttled_per_client()
    {
        for (var i = 0; i < 10; i++)
            await RequestResetAsync($"nobody-{Guid.NewGuid():N}@arc.test");
        var email = await CreateUserAsync("abe");
        await Assert.ThrowsAsync<TooManyRequestsException>(() => RequestResetAsync(email));
        Assert.Equal(0, await CodesSentAsync(email));

        var (_, code) = await RequestResetAsync(email, client: _client + "-other");
        var guesser = _client + "-guesser";
        for (var i = 0; i < 20; i++)
            await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync($"nobody-{i}@arc.test", code, client: guesser));
        var refused = await Assert.ThrowsAsync<TooManyRequestsException>(() => ResetAsync(email, code, client: guesser));
        Assert.Contains("Too many code entries", refused.Message, StringComparison.Ordinal);
        Assert.True(await SignsInAsync(email, PortalServer.UserPassword));
        await ResetAsync(email, code, client: _client + "-other");
        Assert.True(await SignsInAsync(email, NewPassword));
    }

    [Fact]
    public async Task An_account_that_signs_in_through_an_identity_provider_gets_no_code()
    {
        var email = await CreateUserAsync("ida");
        await using (var db = portal.CreateDb())
            await db.UserSet.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.ExternalSubject, "entra|tenant|object"));
        var (answer, code) = await RequestResetAsync(email);
        Assert.Equal(RequestPasswordReset.Answer, answer);
        Assert.Null(code);
        var refusal = (await AuditAsync(email)).Single(a => a.Action == AuditActions.UserPasswordResetRefused);
        Assert.Equal(AuditTrail.AnonymousActor, refusal.Actor);
        Assert.Contains("identity provider", refusal.Summary, StringComparison.Ordinal);
    }

    public static TheoryData<string?> BadEmails() => new() { new string('a', 10_000) + "@arc.test", "not an address", "", null, "a@b@arc.test" };

    [Theory]
    [MemberData(nameof(BadEmails))]
    public async Task A_malformed_email_is_refused_with_a_clear_message(string? email)
    {
        var request = await Assert.ThrowsAsync<ValidationFailedException>(() => RequestResetAsync(email!));
        Assert.Equal("Enter a valid email address.", request.Message);
        var reset = await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email!, "123456"));
        Assert.Equal("Enter the email address the code was sent to.", reset.Message);
    }

    [Theory]
    [InlineData("12a456")]
    [InlineData("1234567")]
    [InlineData("١٢٣٤٥٦")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_malformed_code_is_refused_with_a_clear_message_and_counts_nothing(string? bad)
    {
        var email = await CreateUserAsync("bea");
        var (_, code) = await RequestResetAsync(email);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ResetAsync(email, bad));
        Assert.Equal("The code is the 6 digits from the email.", refused.Message);
        var account = await AccountAsync(email);
        Assert.Equal(0, account.ResetCodeAttempts);
        Assert.Equal(0, account.ResetFailures);
        await ResetAsync(email, code);
        Assert.True(await SignsInAsync(email, NewPassword));
    }
}
