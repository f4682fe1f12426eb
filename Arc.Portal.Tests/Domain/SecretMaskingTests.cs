using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Arc.Domain.Email;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Authorities;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Domain;

public class SecretMaskingTests
{
    private static readonly OutboxSecrets Secrets = new(new LocalKeyVault(Options.Create(new KeyVaultOptions
    {
        MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    })));

    private static OutboxEmail Queue(string template, JsonObject model, ProtectedVariables protectedVariables, string text) => new()
    {
        To = "ann@example.com", Template = template, Data = protectedVariables.Variables.ToJsonString(), Subject = "s",
        Text = TemplateRenderer.Render(text, protectedVariables.Variables), Html = TemplateRenderer.Render("<p>{{html.code}} {{html.name}}</p>", protectedVariables.Variables),
        SealedSecrets = protectedVariables.SealedSecrets, Sensitive = protectedVariables.SealedSecrets is not null,
    };

    [Fact]
    public async Task Only_the_templates_secret_variables_are_sealed_and_they_come_back_only_at_delivery()
    {
        var model = TemplateRenderer.TemplateData(new JsonObject { ["name"] = "Ann", ["code"] = "482913" });
        var protectedVariables = await Secrets.ProtectAsync("ann@example.com", EmailTemplates.PasswordReset, model);
        var email = Queue(EmailTemplates.PasswordReset, model, protectedVariables, "Hello {{name}}, your code is {{code}}.");

        Assert.DoesNotContain("482913", email.Text + email.Html + email.Data + email.SealedSecrets, StringComparison.Ordinal);
        Assert.Equal($"Hello Ann, your code is {OutboxSecrets.Mask}.", OutboxSecrets.MaskText(email.Text));
        var delivered = await Secrets.RevealAsync(email);
        Assert.Equal("Hello Ann, your code is 482913.", delivered.Text);
        Assert.Equal("<p>482913 Ann</p>", delivered.Html);
        Assert.Equal("482913", delivered.Data["code"]!.GetValue<string>());

        // A template without secrets keeps its variables as they are.
        var plain = await Secrets.ProtectAsync("ann@example.com", EmailTemplates.BackfillComplete, model);
        Assert.Null(plain.SealedSecrets);
        Assert.Equal("482913", plain.Variables["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_marker_typed_into_another_variable_is_not_filled_with_the_secret()
    {
        // Someone names themselves like a marker; without this email's nonce it stays text.
        var forged = "[secret:0123456789abcdef:code]";
        var model = TemplateRenderer.TemplateData(new JsonObject { ["name"] = forged, ["code"] = "482913" });
        var email = Queue(EmailTemplates.PasswordReset, model, await Secrets.ProtectAsync("ann@example.com", EmailTemplates.PasswordReset, model),
            "{{name}} / {{code}}");

        Assert.Equal($"{forged} / 482913", (await Secrets.RevealAsync(email)).Text);
    }

    [Fact]
    public void The_managed_session_pin_is_masked_in_every_part_of_the_shadow_and_an_empty_one_stays_empty()
    {
        var shadow = new ShadowDocument(new JsonObject { ["managed_pin"] = "482913", ["record_gps"] = true }, new JsonObject { ["managed_pin"] = "305817" },
            new JsonObject { ["managed_pin"] = "482913" }, new JsonObject(), 3, DateTimeOffset.UnixEpoch);

        var masked = ManagedPinVisibility.Masked(shadow);

        Assert.Equal(ManagedPinVisibility.Mask, masked.Desired["managed_pin"]!.GetValue<string>());
        Assert.Equal(ManagedPinVisibility.Mask, masked.Reported["managed_pin"]!.GetValue<string>());
        Assert.Equal(ManagedPinVisibility.Mask, masked.Delta!["managed_pin"]!.GetValue<string>());
        Assert.True(masked.Desired["record_gps"]!.GetValue<bool>());
        Assert.Equal("482913", shadow.Desired["managed_pin"]!.GetValue<string>()); // the original is left alone
        var idle = ManagedPinVisibility.Masked(shadow with { Desired = new JsonObject { ["managed_pin"] = "" }, Delta = null });
        Assert.Equal("", idle.Desired["managed_pin"]!.GetValue<string>());
    }
}
