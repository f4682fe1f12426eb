using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Provisioning;
using Arc.Domain.Users;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Acceptance: someone holding a copy of the database, but not the key vault's master key, learns no PIN, temporary
/// password, reset code, token or key. The test makes one of each the way the portal does, then reads every text, JSON
/// and binary column of every table of the portal's database and looks for each secret in plain form.
/// </summary>
public sealed class DatabaseCopyTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private sealed record Dump(List<(string Column, string Value)> Texts, List<(string Column, byte[] Value)> Binaries);

    /// <summary>Every value of every text-like or bytea column of every table, as a copy of the database would hold it.</summary>
    private async Task<Dump> DumpAsync()
    {
        var dump = new Dump([], []);
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND c.data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'xml', 'ARRAY')
            ORDER BY 1, 2, 3
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        Assert.True(columns.Count > 50, $"only {columns.Count} columns found");
        foreach (var (schema, table, column, type) in columns)
        {
            var name = $"{schema}.{table}.{column}";
            var select = type == "bytea" ? $"SELECT \"{column}\" FROM \"{schema}\".\"{table}\" WHERE \"{column}\" IS NOT NULL"
                : $"SELECT \"{column}\"::text FROM \"{schema}\".\"{table}\" WHERE \"{column}\" IS NOT NULL";
            await using var command = new NpgsqlCommand(select, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (type == "bytea")
                    dump.Binaries.Add((name, (byte[])reader.GetValue(0)));
                else
                    dump.Texts.Add((name, reader.GetString(0)));
            }
        }
        return dump;
    }

    private static List<string> Holding(Dump dump, string secret, bool digitsOnly = false)
    {
        // A 6-digit secret counts when it stands alone, not inside a longer number such as a timestamp's fraction.
        var pattern = digitsOnly ? new Regex($"(?<![0-9]){secret}(?![0-9])") : null;
        var bytes = Encoding.UTF8.GetBytes(secret);
        return dump.Texts.Where(t => pattern?.IsMatch(t.Value) ?? t.Value.Contains(secret, StringComparison.Ordinal)).Select(t => t.Column)
            .Concat(dump.Binaries.Where(b => b.Value.AsSpan().IndexOf(bytes) >= 0).Select(b => b.Column)).Distinct().ToList();
    }

    /// <summary>Columns holding the bytes themselves (a binary column) or their Base64 (a text column).</summary>
    private static List<string> HoldingBytes(Dump dump, byte[] secret) =>
        dump.Binaries.Where(b => b.Value.AsSpan().IndexOf(secret) >= 0).Select(b => b.Column)
            .Concat(Holding(dump, Convert.ToBase64String(secret))).Distinct().ToList();

    private static byte[] Der(string pem) => Convert.FromBase64String(string.Concat(PemLines(pem)));

    /// <summary>The Base64 body of a PEM key, line by line: any one of them found means the key is readable.</summary>
    private static IEnumerable<string> PemLines(string pem) =>
        pem.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal));

    [Fact]
    public async Task A_database_copy_without_the_master_key_yields_no_pin_temporary_password_reset_code_token_or_key()
    {
        var admin = await portal.AdminUsernameAsync();
        var vault = portal.Services.GetRequiredService<IKeyVault>();
        var secrets = new Dictionary<string, string>();
        var numeric = new Dictionary<string, string>();
        var binary = new Dictionary<string, byte[]>();

        // A provisioned vehicle: its factory PIN, its device key and identity file.
        var vin = "DEV-" + DemoData.MakeVin('T', 'P', 77_001);
        ProvisionResult provisioned;
        await using (var scope = await portal.AsUserAsync(admin))
            provisioned = await scope.ServiceProvider.GetRequiredService<ProvisionVehicle>().HandleAsync(new ProvisionRequest(vin, 3, new VehicleOptions(true, true, true), true));
        Assert.True(provisioned.Succeeded, provisioned.Error);
        // Provisioning still stores the PIN as it made it; the start-up pass seals it (as after the next restart).
        await portal.Services.GetRequiredService<SecretResealer>().SealPlainValuesAsync();
        numeric["factory PIN"] = provisioned.Pin!;
        foreach (var line in PemLines(provisioned.PrivateKeyPem!))
            secrets[$"device key ({line[..8]}…)"] = line;
        binary["device key"] = Der(provisioned.PrivateKeyPem!);

        // A managed session on it, with its PIN.
        var sessionPin = FactoryPin.Generate().Value;
        await using (var db = portal.CreateDb())
        {
            db.ManagedSessionSet.Add(new ManagedSession { Vin = vin, Pin = await new ManagedPinStore(vault).SealAsync(vin, sessionPin), Initialization = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        numeric["managed-session PIN"] = sessionPin;

        // A new user with a temporary password (delivered), and one still waiting in the outbox.
        var invited = $"invited-{Guid.NewGuid():N}@example.com";
        await using (var scope = await portal.AsUserAsync(admin))
            await scope.ServiceProvider.GetRequiredService<CreateUser>().HandleAsync(new NewUser("Ivy Invited", invited, null));
        secrets["temporary password"] = Regex.Match(await portal.Mailbox.LatestTextAsync(invited, EmailTemplates.UserInvitation), @"Temporary password: (\S+)").Groups[1].Value;
        var waiting = TemporaryPasswords.Generate();
        await using (var scope = portal.Services.CreateAsyncScope())
        await using (var data = scope.ServiceProvider.GetRequiredService<IArcDataFactory>().Open())
        {
            var email = await scope.ServiceProvider.GetRequiredService<EmailOutbox>().QueueAsync(data, $"later-{Guid.NewGuid():N}@example.com",
                EmailTemplates.UserInvitation, new { name = "Lou Later", email = "later@example.com", temporaryPassword = waiting, signInUrl = "http://127.0.0.1/", validDays = 7 });
            email.NextAttempt = DateTimeOffset.UtcNow.AddDays(1);
            await data.SaveChangesAsync();
        }
        secrets["temporary password not yet sent"] = waiting;

        // A reset code.
        var forgetful = $"forgetful-{Guid.NewGuid():N}@arc.test";
        await portal.CreateUserAsync(forgetful, "support");
        await using (var scope = portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RequestPasswordReset>().HandleAsync(forgetful, "copy-test");
        numeric["reset code"] = Regex.Match(await portal.Mailbox.LatestTextAsync(forgetful, EmailTemplates.PasswordReset), "choose a new password: ([0-9]{6})").Groups[1].Value;

        // An authenticator, enrolled and confirmed.
        var enrolled = await portal.CreateUserAsync($"totp-{Guid.NewGuid():N}@arc.test", "support");
        TotpEnrolment enrolment;
        await using (var scope = await portal.AsUserAsync(enrolled))
        {
            enrolment = await scope.ServiceProvider.GetRequiredService<StartTotpEnrolment>().HandleAsync();
            await scope.ServiceProvider.GetRequiredService<ConfirmTotpEnrolment>().HandleAsync(TotpCodes.For(enrolment.Secret, DateTimeOffset.UtcNow), "phone");
        }
        secrets["authenticator secret"] = enrolment.Secret;
        binary["authenticator secret"] = Base32(enrolment.Secret);

        // A signed vehicle access token.
        string token;
        await using (var scope = await portal.AsUserAsync(admin))
            token = await scope.ServiceProvider.GetRequiredService<SignVehicleToken>().HandleAsync(Authority.RootId, new JsonObject { ["vin"] = vin }.ToJsonString());
        secrets["token signature"] = token.Split(VehicleToken.Delimiter)[1];

        // The keys the portal keeps: the authorities' private keys and the local CA's.
        await using (var db = portal.CreateDb())
        {
            foreach (var authority in await db.AuthoritySet.ToListAsync())
            {
                var pem = Encoding.ASCII.GetString(await vault.UnsealAsync(new SealedSecret(authority.KeyReference, authority.EncryptedPrivateKey),
                    SealContext.AuthorityKey(authority.PublicKey)));
                foreach (var line in PemLines(pem))
                    secrets[$"authority {authority.Id} key ({line[..8]}…)"] = line;
                binary[$"authority {authority.Id} key"] = Der(pem);
            }
            // The devices' root and the API clients' root.
            foreach (var ca in await db.Set<Arc.Infrastructure.Provisioning.StoredCertificateAuthority>().ToListAsync())
            {
                var caPem = Encoding.ASCII.GetString(await vault.UnsealAsync(new SealedSecret(ca.KeyReference, ca.SealedKey), SealContext.LocalCaKey(ca.Id)));
                foreach (var line in PemLines(caPem))
                    secrets[$"local CA {ca.Id} key ({line[..8]}…)"] = line;
                binary[$"local CA {ca.Id} key"] = Der(caPem);
            }
        }

        var dump = await DumpAsync();

        // The copy is a real one: what is not secret is there to read.
        Assert.NotEmpty(Holding(dump, vin));
        Assert.NotEmpty(Holding(dump, invited));
        Assert.NotEmpty(Holding(dump, forgetful));
        var found = secrets.Select(s => (s.Key, Columns: Holding(dump, s.Value)))
            .Concat(numeric.Select(s => (s.Key, Columns: Holding(dump, s.Value, digitsOnly: true))))
            .Concat(binary.Select(s => (s.Key, Columns: HoldingBytes(dump, s.Value))))
            .Where(s => s.Columns.Count > 0).Select(s => $"{s.Key} in {string.Join(", ", s.Columns)}").ToList();
        Assert.True(found.Count == 0, "Readable in a copy of the database: " + string.Join("; ", found));
        Assert.Empty(Holding(dump, "PRIVATE KEY"));
        Assert.Empty(Holding(dump, "<masterKey"));
        Assert.True(secrets.Count > 10 && numeric.Count == 3 && binary.Count == 7);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Trim())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return bytes.ToArray();
    }
}
