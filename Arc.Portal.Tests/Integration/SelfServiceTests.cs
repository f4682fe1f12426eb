using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Domain
{
    public sealed class TotpTests
    {
        private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

        [Theory]
        // RFC 6238 appendix B (SHA-1), last six digits of the eight given there.
        [InlineData(59, "287082")]
        [InlineData(1111111109, "081804")]
        [InlineData(1234567890, "005924")]
        [InlineData(2000000000, "279037")]
        public void Codes_match_the_rfc_test_vectors(long unixTime, string code) =>
            Assert.Equal(code, Totp.Compute(RfcSecret, Totp.Counter(DateTimeOffset.FromUnixTimeSeconds(unixTime))));

        [Fact]
        public void The_key_is_base32_and_the_uri_is_what_authenticator_apps_read()
        {
            Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.Base32(RfcSecret));
            Assert.Equal("otpauth://totp/Arc%20Portal:ann%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Arc%20Portal&algorithm=SHA1&digits=6&period=30",
                Totp.Uri("Arc Portal", "ann@example.com", RfcSecret));
        }

        [Fact]
        public void A_code_is_accepted_once_within_one_step_of_drift_and_never_when_malformed()
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
            var current = Totp.Counter(now);
            Assert.Equal(current, Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, current), now, 0));
            Assert.Equal(current - 1, Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, current - 1), now, 0));
            Assert.Null(Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, current - 2), now, 0));
            Assert.Null(Totp.Verify(RfcSecret, Totp.Compute(RfcSecret, current), now, current)); // replay
            foreach (var bad in new[] { null, "", "12345", "1234567", "12a456", "١٢٣٤٥٦" })
                Assert.Null(Totp.Verify(RfcSecret, bad, now, 0));
        }
    }
}

namespace Arc.Portal.Tests.Integration
{
    public sealed class SelfServiceTests(PortalServer portal) : IClassFixture<PortalServer>
    {
        private static string CodeFor(string base32Secret, DateTimeOffset at) => TotpCodes.For(base32Secret, at);

        private async Task<SignInResult> SignInAsync(string email, string password)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SignInWithPassword>().HandleAsync(email, password);
        }

        [Fact]
        public async Task An_enrolled_authenticator_is_asked_for_at_sign_in_and_each_code_works_once()
        {
            var email = $"tia-{Guid.NewGuid():N}@arc.test";
            var username = await portal.CreateUserAsync(email, "support");
            TotpEnrolment enrolment;
            await using (var scope = await portal.AsUserAsync(username))
            {
                enrolment = await scope.ServiceProvider.GetRequiredService<StartTotpEnrolment>().HandleAsync();
                var confirm = scope.ServiceProvider.GetRequiredService<ConfirmTotpEnrolment>();
                await Assert.ThrowsAsync<ValidationFailedException>(() => confirm.HandleAsync("000000", "Phone"));
                await Assert.ThrowsAsync<ValidationFailedException>(() => confirm.HandleAsync(CodeFor(enrolment.Secret, DateTimeOffset.UtcNow), ""));
                await Assert.ThrowsAsync<ValidationFailedException>(() => confirm.HandleAsync(CodeFor(enrolment.Secret, DateTimeOffset.UtcNow), new string('p', 26)));
                await confirm.HandleAsync(CodeFor(enrolment.Secret, DateTimeOffset.UtcNow), "Work phone");
            }
            await using (var db = portal.CreateDb())
            {
                var stored = await db.UserSet.SingleAsync(u => u.Username == username);
                Assert.True(stored.TotpEnabled);
                Assert.DoesNotContain(enrolment.Secret, Encoding.ASCII.GetString(stored.TotpCiphertext!), StringComparison.Ordinal);
            }

            var password = await SignInAsync(email, PortalServer.UserPassword);
            Assert.Equal(SignInOutcome.CodeRequired, password.Outcome);
            await using var verifyScope = portal.Services.CreateAsyncScope();
            var verify = verifyScope.ServiceProvider.GetRequiredService<VerifySignInCode>();
            Assert.Equal(SignInOutcome.CodeRequired, (await verify.HandleAsync(username, "123")).Outcome);
            var next = CodeFor(enrolment.Secret, DateTimeOffset.UtcNow.AddSeconds(Totp.StepSeconds));
            Assert.True((await verify.HandleAsync(username, next)).Succeeded);
            Assert.False((await verify.HandleAsync(username, next)).Succeeded); // used

            // Replacing or switching off an enrolled authenticator asks for the password (or a current code) again.
            await using (var self = await portal.AsUserAsync(username))
            {
                var again = await Assert.ThrowsAsync<ValidationFailedException>(() => self.ServiceProvider.GetRequiredService<StartTotpEnrolment>().HandleAsync());
                Assert.True(again.Errors.ContainsKey(Reauthentication.Field));
                await Assert.ThrowsAsync<ValidationFailedException>(() => self.ServiceProvider.GetRequiredService<DisableTotp>().HandleAsync(username, "Not-the-password-42"));
                await Assert.ThrowsAsync<ValidationFailedException>(() => self.ServiceProvider.GetRequiredService<DisableTotp>().HandleAsync(username, next));
            }
            await using (var db = portal.CreateDb())
                Assert.True((await db.UserSet.SingleAsync(u => u.Username == username)).TotpEnabled);

            // An administrator can switch it off for someone who lost their phone, confirming with their own password.
            await using (var admin = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
                await admin.ServiceProvider.GetRequiredService<DisableTotp>().HandleAsync(username, PortalServer.AdminPassword);
            Assert.True((await SignInAsync(email, PortalServer.UserPassword)).Succeeded);
            var other = await portal.CreateUserAsync($"uma-{Guid.NewGuid():N}@arc.test", "support");
            await using (var scope = await portal.AsUserAsync(other))
                await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<DisableTotp>().HandleAsync(username, PortalServer.UserPassword));
        }

        [Fact]
        public async Task A_user_whose_mfa_is_required_holds_no_permission_until_enrolled()
        {
            var username = await portal.CreateUserAsync($"vic-{Guid.NewGuid():N}@arc.test", "support");
            await using (var db = portal.CreateDb())
                await db.UserSet.Where(u => u.Username == username).ExecuteUpdateAsync(s => s.SetProperty(u => u.Mfa, MfaPreference.Required));
            portal.Services.GetRequiredService<Arc.Infrastructure.Users.AccountStateStore>().Invalidate(username);
            await using var scope = await portal.AsUserAsync(username);
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<ICurrentUser>().GetPermissionsAsync());
            var enrolment = await scope.ServiceProvider.GetRequiredService<StartTotpEnrolment>().HandleAsync();
            await scope.ServiceProvider.GetRequiredService<ConfirmTotpEnrolment>().HandleAsync(CodeFor(enrolment.Secret, DateTimeOffset.UtcNow), "Phone");
            portal.Services.GetRequiredService<Arc.Infrastructure.Users.AccountStateStore>().Invalidate(username);
            Assert.Contains(Perm.VehicleRead, await scope.ServiceProvider.GetRequiredService<ICurrentUser>().GetPermissionsAsync());
        }
    }
}
