using JamiCluster.Interop.Tests.Infrastructure;

namespace JamiCluster.Grains.Tests.Support;

/// <summary>Test accounts (shared with the interop tests) as the grains see them.</summary>
public static class Registrations
{
    /// <summary>The registration of <paramref name="name"/> as the HTTP layer hands it to the name grain.</summary>
    public static NameRegistration Register(this NameAccount account, string name) =>
        new(name, account.Addr, account.PublicKey, account.Sign(name), "0123456789abcdef0123456789abcdef01234567");

    /// <summary><paramref name="count"/> new accounts, made in parallel (RSA key generation is slow).</summary>
    public static NameAccount[] Create(int count) => [.. Enumerable.Range(0, count).AsParallel().Select(_ => new NameAccount())];
}
