namespace JamiCluster.Silo.Edge;

/// <summary>Why a datagram was dropped (a fixed set, used as a metric tag).</summary>
public enum DropReason
{
    /// <summary>Not a valid message.</summary>
    Malformed,

    /// <summary>Source port 0, multicast, unspecified…</summary>
    Martian,

    /// <summary>Over the per-IP or global request rate.</summary>
    RateLimited,

    /// <summary>Another network id.</summary>
    WrongNetwork,

    /// <summary>No sender id, zero id, or our own id.</summary>
    BadSender,

    /// <summary>A part for no pending message, or a header we cannot hold.</summary>
    OrphanPart,

    /// <summary>The grain call failed or timed out.</summary>
    Backend,

    /// <summary>Larger than the receive buffer.</summary>
    Oversize,
}
