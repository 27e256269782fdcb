namespace JamiCluster.Dht.Wire;

/// <summary>Why a datagram was or was not accepted by the decoder. Malformed input is a status, never an exception.</summary>
public enum DecodeStatus : byte
{
    /// <summary>A well-formed message.</summary>
    Ok,

    /// <summary>Not msgpack, or truncated.</summary>
    Malformed,

    /// <summary>The top level is not a map.</summary>
    NotAMap,

    /// <summary>Classification failed: unknown verb, <c>y</c> not "q" on a query, or no body.</summary>
    Unclassified,

    /// <summary>A hash field (<c>id</c>, <c>h</c>, <c>target</c>) is not bin[20].</summary>
    BadHash,

    /// <summary>A field has the wrong type (for example <c>sa</c> not bin, a query missing <c>s</c> or <c>w</c>).</summary>
    BadField,

    /// <summary>The datagram exceeds the receive buffer.</summary>
    Oversize,
}
