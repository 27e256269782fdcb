namespace JamiCluster.Dht.Values;

/// <summary>The outcome of a store or edit check. Refusals are silent on the wire: the put is still acknowledged.</summary>
public enum StoreVerdict : byte
{
    /// <summary>Stored or replaced.</summary>
    Accept,

    /// <summary>Value larger than 64 KiB.</summary>
    TooLarge,

    /// <summary>A signed value whose signature does not verify.</summary>
    BadSignature,

    /// <summary>Refused by the type's store policy.</summary>
    PolicyRejected,

    /// <summary>The type does not allow edits.</summary>
    EditRejected,

    /// <summary>An edit signed by another key than the owner's.</summary>
    WrongOwner,

    /// <summary>An edit whose seq is not higher than the stored one.</summary>
    StaleSeq,

    /// <summary>Already expired at arrival.</summary>
    Expired,

    /// <summary>The key or the putter's quota is full.</summary>
    QuotaExceeded,
}
