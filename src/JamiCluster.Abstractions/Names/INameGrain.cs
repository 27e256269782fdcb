namespace JamiCluster.Abstractions.Names;

/// <summary>
/// One name of the directory, keyed by its canonical form. It is the only writer of its record, so concurrent
/// registrations of one name from any number of silos are decided here, one at a time.
/// </summary>
[Alias("jc.names.INameGrain")]
public interface INameGrain : IGrainWithStringKey
{
    /// <summary>The record, whatever its status, or null when the name is free.</summary>
    [Alias("get"), ReadOnly, AlwaysInterleave]
    Task<NameRecord?> GetAsync();

    /// <summary>Verifies and stores a client registration.</summary>
    [Alias("register")]
    Task<RegistrationResult> RegisterAsync(NameRegistration registration);

    /// <summary>Operator: keeps the name from being registered, except by <paramref name="forAddr"/> when given.</summary>
    [Alias("reserve")]
    Task<RegistrationResult> ReserveAsync(string reason, string? forAddr);

    /// <summary>Operator: withdraws the name (registered or not) for good, keeping the reason.</summary>
    [Alias("revoke")]
    Task<NameRecord> RevokeAsync(string reason);

    /// <summary>Stores a record exported from another server (registered records are verified like a registration).</summary>
    [Alias("import")]
    Task<RegistrationResult> ImportAsync(NameRecord record);
}
