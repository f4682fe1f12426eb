using System.ComponentModel.DataAnnotations;
using Amazon.Runtime.Credentials;

namespace Arc.Infrastructure.Aws;

/// <summary>Which AWS adapters to use and where they reach (none are used unless configured).</summary>
public sealed class AwsOptions
{
    public const string Section = "Aws";

    /// <summary>An AWS region name such as us-west-2 (it goes into every signature and default endpoint).</summary>
    [Required, RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    public string Region { get; set; } = "us-west-2";

    /// <summary>The account's IoT data endpoint, e.g. https://xxxx-ats.iot.us-west-2.amazonaws.com; set to use AWS shadows.</summary>
    public Uri? IotDataEndpoint { get; set; }

    /// <summary>The IoT control-plane endpoint, e.g. https://iot.us-west-2.amazonaws.com; set to keep things and certificates in AWS IoT.</summary>
    public Uri? IotControlEndpoint { get; set; }

    /// <summary>The Amazon root CA certificate (PEM file) written into identity files when the registry is AWS IoT.</summary>
    public string? RootCaPemFile { get; set; }

    /// <summary>The KMS key that seals new authority keys when KeyVault:Provider is kms.</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>The Cognito user pool; set to keep accounts in Cognito instead of the portal's database.</summary>
    public string? CognitoUserPoolId { get; set; }

    /// <summary>The Cognito user pool API endpoint; default https://cognito-idp.{region}.amazonaws.com.</summary>
    public Uri? CognitoEndpoint { get; set; }
}

/// <summary>Supplies credentials for signing; production reads AWSSDK.Core's default chain (environment, profile, SSO, role).</summary>
public interface IAwsCredentialSource
{
    Task<AwsCredentials> GetAsync(CancellationToken ct = default);
}

public sealed class DefaultAwsCredentialSource : IAwsCredentialSource
{
    public async Task<AwsCredentials> GetAsync(CancellationToken ct = default)
    {
        var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null);
        var current = await credentials.GetCredentialsAsync();
        return new AwsCredentials(current.AccessKey, current.SecretKey, string.IsNullOrEmpty(current.Token) ? null : current.Token);
    }
}

/// <summary>Signs every request of a typed AWS client with SigV4 for one service.</summary>
public sealed class SigV4Handler(IAwsCredentialSource credentials, string region, string service, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("Authorization");
        await SigV4Signer.SignAsync(request, await credentials.GetAsync(cancellationToken), region, service, time.GetUtcNow(), cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
