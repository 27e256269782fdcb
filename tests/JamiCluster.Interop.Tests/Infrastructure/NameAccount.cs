using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>
/// An account key and the registration body the Jami daemon builds from it (addr, owner, base64 signature of
/// the name, base64 of the PEM public key). Used to exercise the silo's refusals; the openssl test vector and
/// the jami-daemon test are what show real clients' registrations verify.
/// </summary>
public sealed class NameAccount
{
    private readonly RSA _key = RSA.Create(2048);

    /// <summary>Makes a key and its Jami ID.</summary>
    public NameAccount()
    {
        var spki = _key.ExportSubjectPublicKeyInfo();
        Addr = Convert.ToHexStringLower(SHA1.HashData(spki));
        PublicKey = Convert.ToBase64String(Encoding.ASCII.GetBytes(_key.ExportSubjectPublicKeyInfoPem() + "\n"));
    }

    /// <summary>40-hex Jami ID.</summary>
    public string Addr { get; }

    /// <summary>Base64 of the PEM public key.</summary>
    public string PublicKey { get; }

    /// <summary>Base64 RSA-SHA512 signature of <paramref name="name"/>.</summary>
    public string Sign(string name) => Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(name), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1));

    /// <summary>The registration body for <paramref name="name"/>.</summary>
    public JsonObject Body(string name) => new()
    {
        ["addr"] = Addr,
        ["owner"] = "0123456789abcdef0123456789abcdef01234567",
        ["signature"] = Sign(name),
        ["publickey"] = PublicKey,
    };

    /// <summary>A fresh valid name (tests share a silo).</summary>
    public static string NewName(string prefix) => (prefix + "-" + Guid.NewGuid().ToString("N"))[..Math.Min(32, prefix.Length + 13)];
}
