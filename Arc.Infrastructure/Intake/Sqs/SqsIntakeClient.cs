using Amazon;
using Amazon.Runtime;
using Amazon.SQS;

namespace Arc.Infrastructure.Intake.Sqs;

/// <summary>The SQS client the intake reads with: the real service in its region, or a local stand-in.</summary>
public static class SqsIntakeClient
{
    /// <summary>
    /// With a <see cref="SqsIntakeOptions.ServiceUrl"/> the client talks to that peer with made-up credentials (a local
    /// peer checks no signature, but the SDK signs every request and needs something to sign with). Otherwise it uses
    /// the SDK's default credential chain (environment, profile, SSO, the instance's or task's role).
    /// </summary>
    public static IAmazonSQS Create(SqsIntakeOptions options, string fallbackRegion)
    {
        if (options.ServiceUrl is { } serviceUrl)
        {
            var local = new AmazonSQSConfig { ServiceURL = serviceUrl.AbsoluteUri, AuthenticationRegion = "us-east-1" };
            return new AmazonSQSClient(new BasicAWSCredentials("local", "local"), local);
        }
        var region = string.IsNullOrEmpty(options.Region) ? fallbackRegion : options.Region;
        return new AmazonSQSClient(new AmazonSQSConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) });
    }
}
