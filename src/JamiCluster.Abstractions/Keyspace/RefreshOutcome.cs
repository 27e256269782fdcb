namespace JamiCluster.Abstractions.Keyspace;

/// <summary>Result of a <c>refresh</c>.</summary>
public enum RefreshOutcome : byte
{
    /// <summary>The value's lifetime restarted.</summary>
    Refreshed,

    /// <summary>No storage for the key: 404.</summary>
    UnknownKey,

    /// <summary>The key exists but not the value: 404 too, so the requester re-puts it.</summary>
    UnknownValue,
}
