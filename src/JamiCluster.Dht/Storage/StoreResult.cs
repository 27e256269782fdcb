using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Storage;

/// <summary>Outcome of <see cref="KeyStore.Store"/>.</summary>
/// <param name="Change">What changed.</param>
/// <param name="Verdict">Why it was refused, or Accept.</param>
/// <param name="Stored">The entry now stored for that id (when changed).</param>
/// <param name="Replaced">The entry an edit replaced.</param>
public readonly record struct StoreResult(StoreChange Change, StoreVerdict Verdict, StoredValue? Stored, StoredValue? Replaced)
{
    /// <summary>A refusal.</summary>
    public static StoreResult Refused(StoreVerdict verdict) => new(StoreChange.None, verdict, null, null);
}
