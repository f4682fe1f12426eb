using Arc.Domain.Credentials;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// Service credentials: listing needs users.credential.read, creating, rotating and revoking users.credential.write. The
/// inputs are refused after the check (no name, a credential that does not exist), so the matrix creates nothing.
/// </summary>
public sealed class ListServiceCredentialsEntry : MatrixEntry<ListServiceCredentials>
{
    public override string Requirement => Perm.CredentialRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListServiceCredentials>().HandleAsync(new CredentialQuery());
}

public sealed class CreateServiceCredentialEntry : MatrixEntry<CreateServiceCredential>
{
    public override string Requirement => Perm.CredentialWrite;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<CreateServiceCredential>().HandleAsync(new NewServiceCredential("", null, [], null));
}

public sealed class RotateServiceCredentialSecretEntry : MatrixEntry<RotateServiceCredentialSecret>
{
    public override string Requirement => Perm.CredentialWrite;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<RotateServiceCredentialSecret>().HandleAsync(999_999_999, TimeSpan.Zero);
}

public sealed class RevokeServiceCredentialEntry : MatrixEntry<RevokeServiceCredential>
{
    public override string Requirement => Perm.CredentialWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RevokeServiceCredential>().HandleAsync(999_999_999);
}

public sealed class CreateCertificateCredentialEntry : MatrixEntry<CreateCertificateCredential>
{
    public override string Requirement => Perm.CredentialWrite;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<CreateCertificateCredential>().HandleAsync(new NewServiceCredential("", null, [], null));
}

public sealed class RotateCredentialCertificateEntry : MatrixEntry<RotateCredentialCertificate>
{
    public override string Requirement => Perm.CredentialWrite;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<RotateCredentialCertificate>().HandleAsync(999_999_999, TimeSpan.Zero);
}
