namespace JamiCluster.Dht.Values;

/// <summary>What a type allows when a value with a known id arrives with different content (§6.4).</summary>
public enum EditPolicy : byte
{
    /// <summary>Edits are refused (unregistered types, type 2).</summary>
    Reject,

    /// <summary>The secure edit rule: same owner, valid signature, higher seq (or equal seq and identical content).</summary>
    SecureEdit,

    /// <summary>Certificates: accepted only with the same public-key id.</summary>
    SameCertificateKey,
}
