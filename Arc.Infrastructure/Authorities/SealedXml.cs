using System.Xml.Linq;
using Arc.Domain.Authorities;

namespace Arc.Infrastructure.Authorities;

/// <summary>
/// The element that stands for a data-protection key sealed by the key vault inside the stored key ring:
/// <c>&lt;sealedKey&gt;&lt;keyReference/&gt;&lt;value/&gt;&lt;/sealedKey&gt;</c>. Written by the portal's XML
/// encryptor, read by its decryptor and rewritten by the reseal command.
/// </summary>
public static class SealedXml
{
    public const string ElementName = "sealedKey";

    public static XElement ToElement(SealedSecret sealedSecret) =>
        new(ElementName,
            new XComment(" sealed by the portal's key vault "),
            new XElement("keyReference", sealedSecret.KeyReference),
            new XElement("value", Convert.ToBase64String(sealedSecret.Ciphertext)));

    public static SealedSecret FromElement(XElement element)
    {
        var reference = (string?)element.Element("keyReference")
                        ?? throw new InvalidOperationException("A sealed data-protection key has no key reference.");
        var value = (string?)element.Element("value") ?? throw new InvalidOperationException("A sealed data-protection key has no value.");
        return new SealedSecret(reference, Convert.FromBase64String(value));
    }
}
