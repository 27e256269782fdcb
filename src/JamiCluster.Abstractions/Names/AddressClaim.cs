namespace JamiCluster.Abstractions.Names;

/// <summary>An address grain's answer to a name that wants to bind it.</summary>
/// <param name="Granted">True when the caller may store the binding.</param>
/// <param name="HolderName">When refused: the name that holds or is binding the address.</param>
[GenerateSerializer, Immutable, Alias("jc.names.AddressClaim")]
public readonly record struct AddressClaim(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? HolderName);
