using System.Xml.Linq;
using Arc.Domain.Authorities;
using Arc.Infrastructure.Authorities;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Arc.Portal.Security;

/// <summary>
/// Seals the portal's data-protection keys (which sign session cookies and protect form tokens) with the key vault
/// before they are stored in the database, so a copy of the database alone cannot forge a session. The key ring is
/// read once and cached by ASP.NET Core, so the vault is called when keys are created or first loaded, not per request.
/// </summary>
public sealed class VaultXmlEncryptor(IKeyVault vault) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        // The data-protection API is synchronous; this runs only when a key is created, on the thread pool so a vault
        // that calls a remote service cannot wait on a caller's synchronization context.
        var sealedSecret = Task.Run(() => vault.SealAsync(plaintext, SealContext.DataProtection)).GetAwaiter().GetResult();
        return new EncryptedXmlInfo(SealedXml.ToElement(sealedSecret), typeof(VaultXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="VaultXmlEncryptor"/> sealed; built by ASP.NET Core from the key's stored decryptor type.</summary>
public sealed class VaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var sealedSecret = SealedXml.FromElement(encryptedElement);
        var vault = services.GetRequiredService<IKeyVault>();
        var plaintext = Task.Run(() => vault.UnsealAsync(sealedSecret, SealContext.DataProtection)).GetAwaiter().GetResult();
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
    }
}
