using System.Security.Cryptography;

namespace JamiCluster.Dht.Tests.Support;

/// <summary>Two RSA keys generated once per run: key generation is the slowest step of the signed-value tests.</summary>
internal static class RsaKeys
{
    private static readonly Lazy<RSA> LazyOwner = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyOther = new(() => RSA.Create(2048));

    public static RSA Owner => LazyOwner.Value;

    public static RSA Other => LazyOther.Value;
}
