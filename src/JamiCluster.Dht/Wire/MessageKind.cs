namespace JamiCluster.Dht.Wire;

/// <summary>How a datagram is classified (opendht-wire.md §2.3, first match wins).</summary>
public enum MessageKind : byte
{
    /// <summary>Not classified yet.</summary>
    None,

    /// <summary>A request (<c>q</c>).</summary>
    Query,

    /// <summary>A reply (<c>r</c>).</summary>
    Reply,

    /// <summary>An error (<c>e</c>, which also carries <c>r</c>).</summary>
    Error,

    /// <summary>A value part (<c>p</c>).</summary>
    ValuePart,

    /// <summary>A legacy version-0 listen notification (<c>u</c>).</summary>
    LegacyUpdate,
}
