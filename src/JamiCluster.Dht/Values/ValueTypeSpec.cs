namespace JamiCluster.Dht.Values;

/// <summary>A value type: lifetime and the policies a 2.4.12 node applies to it (§6.4).</summary>
/// <param name="Id">Type id.</param>
/// <param name="Name">Human name, for logs.</param>
/// <param name="Lifetime">How long a value lives after its creation or last refresh.</param>
/// <param name="VerifySignatures">Signed values must verify to be stored (types wrapped by SecureDht).</param>
/// <param name="Edit">Edit policy.</param>
public sealed record ValueTypeSpec(ulong Id, string Name, TimeSpan Lifetime, bool VerifySignatures, EditPolicy Edit)
{
    /// <summary>The type id of certificates.</summary>
    public const ulong CertificateType = 8;

    /// <summary>The type id of DHT messages (rejects an empty service name).</summary>
    public const ulong DhtMessageType = 1;
}
