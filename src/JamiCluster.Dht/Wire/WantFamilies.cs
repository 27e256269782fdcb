namespace JamiCluster.Dht.Wire;

/// <summary>Node-list families requested with <c>w</c> (opendht-wire.md §3.10).</summary>
[Flags]
public enum WantFamilies : byte
{
    /// <summary>No <c>w</c>: answer with the family the request arrived on.</summary>
    Unspecified = 0,

    /// <summary>AF_INET (2).</summary>
    IPv4 = 1,

    /// <summary>AF_INET6 under any platform's number (10, 23, 28, 30).</summary>
    IPv6 = 2,

    /// <summary><c>w</c> was present (possibly empty or with unknown families only).</summary>
    Present = 4,
}
