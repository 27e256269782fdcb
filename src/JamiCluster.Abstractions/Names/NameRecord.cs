namespace JamiCluster.Abstractions.Names;

/// <summary>
/// One entry of the name directory. Registered records are never changed (clients cache them forever); an
/// operator may reserve a name before anyone registers it, or revoke one, and both are kept with a reason.
/// </summary>
/// <param name="Name">Canonical name: the exact string the client signed and the string lookups return.</param>
/// <param name="Status">Registered, reserved or revoked.</param>
/// <param name="Addr">Jami ID, 40 lowercase hex without <c>0x</c>; for a reservation, the only address that may take the name (or null).</param>
/// <param name="PublicKey">Base64 of the PEM public key, exactly as received (clients re-verify it).</param>
/// <param name="Signature">Base64 RSA-SHA512 signature of <paramref name="Name"/>, exactly as received.</param>
/// <param name="Owner">The client's legacy Ethereum owner address (40 hex), kept for idempotent retries and exports.</param>
/// <param name="CreatedAt">When the record was first stored.</param>
/// <param name="Reason">Why an operator reserved or revoked the name.</param>
/// <param name="ChangedAt">When an operator last reserved or revoked it.</param>
/// <param name="Version">Increases with every stored change; the store refuses a change made from an older version.</param>
[GenerateSerializer, Immutable, Alias("jc.names.NameRecord")]
public sealed record NameRecord(
    [property: Id(0)] string Name,
    [property: Id(1)] NameStatus Status,
    [property: Id(2)] string? Addr,
    [property: Id(3)] string? PublicKey,
    [property: Id(4)] string? Signature,
    [property: Id(5)] string? Owner,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string? Reason = null,
    [property: Id(8)] DateTimeOffset? ChangedAt = null,
    [property: Id(9)] int Version = 1)
{
    /// <summary>True when the name resolves (registered and not revoked).</summary>
    public bool IsRegistered => Status == NameStatus.Registered;
}
