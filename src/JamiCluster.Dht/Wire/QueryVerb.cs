namespace JamiCluster.Dht.Wire;

/// <summary>The request names the protocol knows; anything else rejects the message.</summary>
public enum QueryVerb : byte
{
    /// <summary>No query (replies, errors, parts).</summary>
    None,

    /// <summary><c>ping</c>.</summary>
    Ping,

    /// <summary><c>find</c> (find node).</summary>
    Find,

    /// <summary><c>get</c> (get values).</summary>
    Get,

    /// <summary><c>put</c> (announce value).</summary>
    Put,

    /// <summary><c>refresh</c>.</summary>
    Refresh,

    /// <summary><c>listen</c>.</summary>
    Listen,

    /// <summary><c>update</c> (storer to listener push).</summary>
    Update,
}
