namespace JamiCluster.Silo.Edge;

/// <summary>
/// This silo's copy of the cluster's head directory (from <see cref="IEdgeRegistryGrain"/>), split by family so a
/// node list is built without allocation. Replaced wholesale on refresh; readers see one consistent snapshot.
/// </summary>
public sealed class HeadDirectory
{
    private volatile Snapshot _snapshot = new([], []);

    /// <summary>Remote and local heads with an IPv4 address.</summary>
    public IReadOnlyList<DirectoryEntry> IPv4 => _snapshot.IPv4;

    /// <summary>Remote and local heads with an IPv6 address.</summary>
    public IReadOnlyList<DirectoryEntry> IPv6 => _snapshot.IPv6;

    /// <summary>Installs the list the registry returned; <paramref name="localSilo"/> marks this silo's own heads.</summary>
    public void Update(HeadInfo[] heads, string localSilo)
    {
        var v4 = new List<DirectoryEntry>();
        var v6 = new List<DirectoryEntry>();
        foreach (var head in heads)
        {
            var local = head.SiloId == localSilo;
            foreach (var raw in head.Addresses)
            {
                var entry = new DirectoryEntry(head.NodeId, new IPAddress(raw), head.Port, local);
                (raw.Length == 4 ? v4 : v6).Add(entry);
            }
        }

        _snapshot = new Snapshot([.. v4], [.. v6]);
    }

    private sealed record Snapshot(DirectoryEntry[] IPv4, DirectoryEntry[] IPv6);
}

/// <summary>One head address in the directory.</summary>
/// <param name="NodeId">Head node id.</param>
/// <param name="Address">Advertised address.</param>
/// <param name="Port">UDP port.</param>
/// <param name="IsLocal">True for this silo's own heads (advertised with the address the client used instead).</param>
public sealed record DirectoryEntry(InfoHash NodeId, IPAddress Address, ushort Port, bool IsLocal);
