namespace JamiCluster.Abstractions.Names;

/// <summary>A registration request as a client sends it, after the HTTP layer has decoded the body.</summary>
/// <param name="Name">The name from the URL path, percent-decoded, exactly as signed.</param>
/// <param name="Addr">Jami ID, 40 lowercase hex without prefix.</param>
/// <param name="PublicKey">Base64 of the PEM public key.</param>
/// <param name="Signature">Base64 RSA-SHA512 signature of <paramref name="Name"/>.</param>
/// <param name="Owner">Legacy Ethereum owner address, 40 lowercase hex, or null.</param>
[GenerateSerializer, Immutable, Alias("jc.names.NameRegistration")]
public sealed record NameRegistration(
    [property: Id(0)] string Name,
    [property: Id(1)] string Addr,
    [property: Id(2)] string PublicKey,
    [property: Id(3)] string Signature,
    [property: Id(4)] string? Owner);
