namespace JamiCluster.Abstractions.Names;

/// <summary>What a registration (or an import of one record) came to. Refusals are outcomes, not exceptions.</summary>
[GenerateSerializer, Alias("jc.names.RegistrationOutcome")]
public enum RegistrationOutcome
{
    /// <summary>Stored now.</summary>
    Registered = 0,

    /// <summary>The same name was already bound to the same address (an idempotent retry).</summary>
    AlreadyRegistered = 1,

    /// <summary>The name belongs to another address.</summary>
    NameTaken = 2,

    /// <summary>The address already has another name (one name per address).</summary>
    AddressTaken = 3,

    /// <summary>An operator reserved the name for someone else.</summary>
    NameReserved = 4,

    /// <summary>An operator revoked the name; it cannot be registered again.</summary>
    NameRevoked = 5,

    /// <summary>The name breaks the name policy.</summary>
    InvalidName = 6,

    /// <summary>The public key is not a usable RSA key.</summary>
    InvalidKey = 7,

    /// <summary>The public key does not hash to the address (someone else's Jami ID).</summary>
    KeyMismatch = 8,

    /// <summary>The signature does not verify over the name with the key.</summary>
    BadSignature = 9,
}
