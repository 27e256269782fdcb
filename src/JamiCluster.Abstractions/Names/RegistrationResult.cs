namespace JamiCluster.Abstractions.Names;

/// <summary>The outcome of a registration and, for conflicts, the record that holds the name or the address.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Existing">The conflicting record (name taken, address taken) or the stored one (registered).</param>
[GenerateSerializer, Immutable, Alias("jc.names.RegistrationResult")]
public sealed record RegistrationResult(
    [property: Id(0)] RegistrationOutcome Outcome,
    [property: Id(1)] NameRecord? Existing = null)
{
    /// <summary>True when the name is now bound to the requested address.</summary>
    public bool Succeeded => Outcome is RegistrationOutcome.Registered or RegistrationOutcome.AlreadyRegistered;
}
