using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.DevServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Email;

internal static class EmailRegistration
{
    /// <summary>
    /// The sender Email:Provider names: outbox (a pickup directory or nothing), smtp or ses. The settings are read here,
    /// at registration, because they choose the sender; <see cref="EmailOptions.Read"/> refuses invalid ones.
    /// </summary>
    internal static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var email = EmailOptions.Read(builder.Configuration);
        // The Mail outbox page masks secrets; in Development the local mailbox is where an invitation's password is read.
        if (email.PickupDirectory is null && builder.Environment.IsDevelopment())
            email.PickupDirectory = Path.Combine(EmbeddedServers.RepositoryRoot(builder.Environment.ContentRootPath), ".data", "mail");
        switch (email.Provider.ToLowerInvariant())
        {
            case "ses":
                var region = AwsRegistration.Read(builder.Configuration).Region;
                services.AddHttpClient(nameof(SesEmailSender), client =>
                        client.BaseAddress = new Uri((email.SesEndpoint?.ToString() ?? $"https://email.{region}.amazonaws.com").TrimEnd('/') + "/"))
                    .SignedFor(region, SesEmailSender.SigningName);
                services.TryAddSingleton<IEmailSender>(sp => new SesEmailSender(
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SesEmailSender)), email,
                    sp.GetRequiredService<IArcDataFactory>(), sp.GetRequiredService<TimeProvider>()));
                break;
            case "smtp":
                if (string.IsNullOrWhiteSpace(email.SmtpHost))
                    throw new InvalidOperationException("Email:Provider is smtp but Email:SmtpHost is not set.");
                services.TryAddSingleton<IEmailSender>(new SmtpEmailSender(email));
                break;
            case "outbox" when !string.IsNullOrWhiteSpace(email.PickupDirectory):
                services.TryAddSingleton<IEmailSender>(new PickupDirectoryEmailSender(email));
                break;
            case "outbox":
                services.TryAddSingleton<IEmailSender, OutboxOnlySender>();
                break;
            default:
                throw new InvalidOperationException($"Email:Provider must be outbox, smtp or ses, not '{email.Provider}'.");
        }
        return builder;
    }
}
