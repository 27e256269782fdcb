using System.Security.Cryptography;
using System.Text;

namespace JamiCluster.Grains.Tests.Support;

/// <summary>
/// A Jami-like account for grain tests: an RSA key, its id (SHA-1 of the DER SubjectPublicKeyInfo) and the
/// registration body a client builds (base64 of the PEM, base64 RSA-SHA512 signature of the name). Compatibility
/// with real clients is shown elsewhere (the openssl vector, the interop tests); this only feeds the grain logic.
/// </summary>
public sealed class TestAccount
{
    private readonly RSA _key = RSA.Create(2048);

    private TestAccount()
    {
        var spki = _key.ExportSubjectPublicKeyInfo();
        Addr = Convert.ToHexStringLower(SHA1.HashData(spki));
        PublicKey = Convert.ToBase64String(Encoding.ASCII.GetBytes(_key.ExportSubjectPublicKeyInfoPem() + "\n"));
    }

    /// <summary>40-hex Jami ID.</summary>
    public string Addr { get; }

    /// <summary>Base64 of the PEM public key.</summary>
    public string PublicKey { get; }

    /// <summary>A new account (each has its own key, hence its own address).</summary>
    public static TestAccount Create() => new();

    /// <summary><paramref name="count"/> new accounts, made in parallel (RSA key generation is slow).</summary>
    public static TestAccount[] Create(int count) => [.. Enumerable.Range(0, count).AsParallel().Select(_ => new TestAccount())];

    /// <summary>A fresh valid name for one test (tests share a cluster).</summary>
    public static string NewName(string prefix) => (prefix + "-" + Guid.NewGuid().ToString("N"))[..Math.Min(32, prefix.Length + 13)];

    /// <summary>Base64 signature of <paramref name="name"/>.</summary>
    public string Sign(string name) => Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(name), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1));

    /// <summary>A well-formed registration of <paramref name="name"/>.</summary>
    public NameRegistration Register(string name) => new(name, Addr, PublicKey, Sign(name), "0123456789abcdef0123456789abcdef01234567");
}
