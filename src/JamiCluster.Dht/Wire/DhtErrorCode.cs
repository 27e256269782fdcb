namespace JamiCluster.Dht.Wire;

/// <summary>The only error codes OpenDHT 2.4.12 sends (opendht-wire.md §2.6).</summary>
public enum DhtErrorCode : ushort
{
    /// <summary>A request without its key, or a put with value id 0.</summary>
    NonAuthoritativeInformation = 203,

    /// <summary>Wrong or missing write token on put, refresh or listen.</summary>
    Unauthorized = 401,

    /// <summary>A refresh for a key (or value) the storer does not hold.</summary>
    NotFound = 404,
}
