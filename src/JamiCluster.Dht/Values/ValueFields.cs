namespace JamiCluster.Dht.Values;

/// <summary>
/// The fields of one value as a client gives them outside the wire format (the proxy's JSON), to be packed by
/// <see cref="DhtValueWriter"/>. A signed value's <see cref="Owner"/> is the DER SubjectPublicKeyInfo.
/// </summary>
/// <param name="Id">Value id (0 = let the server choose).</param>
/// <param name="Type">Value type.</param>
/// <param name="Data">Payload.</param>
/// <param name="UserType">User type (MIME-like), UTF-8; empty when unset.</param>
/// <param name="Seq">Sequence number of a signed value.</param>
/// <param name="Owner">Owner key (DER) of a signed value; empty when unsigned.</param>
/// <param name="Recipient">Recipient of a signed value, or null.</param>
/// <param name="Signature">Signature over the packed body.</param>
/// <param name="Cypher">The whole encrypted value; when set, every body field is ignored.</param>
/// <param name="Priority">Push priority (0 = high).</param>
public readonly record struct ValueFields(
    ulong Id,
    ulong Type,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> UserType,
    ulong Seq,
    ReadOnlyMemory<byte> Owner,
    InfoHash? Recipient,
    ReadOnlyMemory<byte> Signature,
    ReadOnlyMemory<byte> Cypher,
    ulong Priority);
