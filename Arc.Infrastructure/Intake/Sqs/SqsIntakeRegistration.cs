using Amazon.SQS;
using Arc.Infrastructure.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Intake.Sqs;

internal static class SqsIntakeRegistration
{
    /// <summary>
    /// The consumer of the IoT rule's queue, registered only when Intake:Sqs:Enabled is set: a portal without a queue
    /// runs no receive loops and holds no SQS client. The settings are bound and checked on start either way.
    /// </summary>
    internal static IHostApplicationBuilder AddSqsIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SqsIntakeOptions>().BindConfiguration(SqsIntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration.GetSection(SqsIntakeOptions.Section).Get<SqsIntakeOptions>() is not { Enabled: true })
            return builder;
        builder.Services.AddKeyedSingleton<IAmazonSQS>(SqsIntakeConsumer.ClientKey, (sp, _) =>
            SqsIntakeClient.Create(sp.GetRequiredService<IOptions<SqsIntakeOptions>>().Value, sp.GetRequiredService<IOptions<AwsOptions>>().Value.Region));
        builder.Services.AddHostedService<SqsIntakeConsumer>();
        return builder;
    }
}
