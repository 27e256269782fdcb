namespace JamiCluster.Grains.Names;

/// <summary>
/// Where name records are kept: PostgreSQL (<c>jc_names</c>) in production, process memory in embedded mode.
/// The store enforces the two uniqueness rules on its own (one record per name, one registered name per address)
/// so that even two activations of one grain during a membership change cannot bind a name twice.
/// </summary>
public interface INameStore
{
    /// <summary>True when records survive the process.</summary>
    bool IsDurable { get; }

    /// <summary>The record of <paramref name="name"/>, whatever its status.</summary>
    Task<NameRecord?> FindByNameAsync(string name, CancellationToken cancellation = default);

    /// <summary>The registered record bound to <paramref name="addr"/>.</summary>
    Task<NameRecord?> FindByAddressAsync(string addr, CancellationToken cancellation = default);

    /// <summary>
    /// Inserts <paramref name="record"/> when <paramref name="expected"/> is null, otherwise replaces
    /// <paramref name="expected"/> if it is still the stored version.
    /// </summary>
    Task<NameStoreResult> SaveAsync(NameRecord record, NameRecord? expected, CancellationToken cancellation = default);

    /// <summary>Every record, ordered by name.</summary>
    IAsyncEnumerable<NameRecord> ExportAsync(CancellationToken cancellation = default);
}
