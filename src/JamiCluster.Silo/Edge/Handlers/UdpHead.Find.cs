using JamiCluster.Dht.Routing;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// <c>find</c>: the heads closest to the target (directory mode: the cluster is the store), optionally merged with
/// good client peers, per wanted family, with a token. Our own silo's heads are advertised at the address the client
/// reached us on, so a multi-homed host lists an address the client can use.
/// </summary>
public sealed partial class UdpHead
{
    [ThreadStatic]
    private static List<Candidate>? t_candidates;

    [ThreadStatic]
    private static List<RoutingNode>? t_peers;

    private void OnFind(RequestContext request, DhtMessage m, ReadOnlySpan<byte> ip)
    {
        var target = m.Target ?? m.Id;
        Span<byte> n4 = stackalloc byte[DhtLimits.TargetNodes * CompactNodes.Entry4];
        Span<byte> n6 = stackalloc byte[DhtLimits.TargetNodes * CompactNodes.Entry6];
        Span<byte> token = stackalloc byte[DhtLimits.TokenSize];
        var (len4, len6) = WriteNodeLists(request, target, m.Want, n4, n6);
        _ctx.Tokens.Make(ip, (ushort)request.Remote.Port, token);
        var writer = Writer();
        DhtMessageWriter.WriteNodesReply(writer, m.Tid, _ctx.Options.NetworkId, Id, ip, n4[..len4], n6[..len6], token);
        Send(request, writer, "find_reply");
        _ctx.Metrics.Replied(m.Verb, request.StartTimestamp);
    }

    /// <summary>Fills n4/n6 for <paramref name="target"/> according to <c>w</c> (absent: the request's own family).</summary>
    private (int V4, int V6) WriteNodeLists(RequestContext request, InfoHash target, WantFamilies want, Span<byte> n4, Span<byte> n6)
    {
        var arrivedV6 = request.Remote.AddressFamily == AddressFamily.InterNetworkV6;
        var wantV4 = (want & WantFamilies.Present) == 0 ? !arrivedV6 : (want & WantFamilies.IPv4) != 0;
        var wantV6 = (want & WantFamilies.Present) == 0 ? arrivedV6 : (want & WantFamilies.IPv6) != 0;
        var len4 = wantV4 ? WriteFamily(request, target, v6: false, n4) : 0;
        var len6 = wantV6 ? WriteFamily(request, target, v6: true, n6) : 0;
        return (len4, len6);
    }

    private int WriteFamily(RequestContext request, InfoHash target, bool v6, Span<byte> destination)
    {
        var candidates = t_candidates ??= new List<Candidate>(32);
        candidates.Clear();
        var reached = request.Local is { } local && (local.AddressFamily == AddressFamily.InterNetworkV6) == v6 && !local.Equals(IPAddress.Any) && !local.Equals(IPAddress.IPv6Any)
            ? local
            : null;
        var entries = v6 ? _ctx.Directory.IPv6 : _ctx.Directory.IPv4;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            // Our own heads: the address this client already reaches us on, whatever we registered.
            var address = entry.IsLocal && reached is not null ? reached : entry.Address;
            if (entry.IsLocal && reached is not null && ContainsId(candidates, entry.NodeId))
            {
                continue;
            }

            candidates.Add(new Candidate(entry.NodeId, address, entry.Port));
        }

        if (_ctx.Options.ListPeers)
        {
            var peers = t_peers ??= new List<RoutingNode>(DhtLimits.TargetNodes);
            peers.Clear();
            lock (_tableLock)
            {
                (v6 ? _table6 : _table4).FindClosest(target, DhtLimits.TargetNodes, _ctx.Time.GetUtcNow(), peers);
            }

            foreach (var peer in peers)
            {
                if (!ContainsId(candidates, peer.Id))
                {
                    candidates.Add(new Candidate(peer.Id, peer.Address, peer.Port));
                }
            }
        }

        // Sort by XOR distance without allocating: distances as keys, candidates as items.
        var items = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates);
        Span<InfoHash> distances = items.Length <= 64 ? stackalloc InfoHash[items.Length] : new InfoHash[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            distances[i] = items[i].Id.Xor(target);
        }

        distances.Sort(items);
        var written = 0;
        var count = 0;
        foreach (var c in items)
        {
            if (count == DhtLimits.TargetNodes)
            {
                break;
            }

            if (Martians.IsMartian(c.Address, c.Port))
            {
                continue;
            }

            var n = CompactNodes.Write(destination[written..], c.Id, c.Address, c.Port);
            if (n > 0)
            {
                written += n;
                count++;
            }
        }

        return written;
    }

    private static bool ContainsId(List<Candidate> candidates, InfoHash id)
    {
        foreach (var c in candidates)
        {
            if (c.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct Candidate(InfoHash Id, IPAddress Address, ushort Port);
}
