namespace JamiCluster.Dht.Storage;

/// <summary>What a put did to a key, which decides what listeners hear.</summary>
public enum StoreChange : byte
{
    /// <summary>Nothing changed (refused).</summary>
    None,

    /// <summary>A new value: listeners get it in an update.</summary>
    Added,

    /// <summary>An accepted edit: listeners get the new value.</summary>
    Edited,

    /// <summary>An identical re-put: lifetime restarted, listeners get <c>re</c>.</summary>
    Refreshed,
}
