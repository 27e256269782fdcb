using JamiCluster.Dht.Routing;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// Routing-table upkeep (opendht-wire.md §4.4–4.5): nodes that contact us are inserted and pinged so they can become
/// good; replies confirm them; find replies teach us more nodes; stale buckets get a maintenance find; requests that
/// exhaust their retries expire their node.
/// </summary>
public sealed partial class UdpHead
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan BucketMaintenancePeriod = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExpirePeriod = TimeSpan.FromMinutes(3);

    private void OnReply(RequestContext request, DhtMessage m)
    {
        if (!_outgoing.TryComplete(m.Tid, request.Remote, out var sent))
        {
            // Unknown transaction: still "heard from".
            if (!m.IsClient)
            {
                NoteNode(m.Id, request.Remote, confirm: 1);
            }

            return;
        }

        if (!m.IsClient)
        {
            NoteNode(m.Id, request.Remote, confirm: 2);
        }

        if (sent!.Kind == "find")
        {
            LearnNodes(m.N4.Span, v6: false);
            LearnNodes(m.N6.Span, v6: true);
        }
    }

    private void NoteNode(InfoHash id, IPEndPoint remote, int confirm)
    {
        RoutingNode? toPing;
        lock (_tableLock)
        {
            var table = remote.AddressFamily == AddressFamily.InterNetworkV6 ? _table6 : _table4;
            table.OnNewNode(id, remote.Address, (ushort)remote.Port, confirm, _ctx.Time.GetUtcNow(), out toPing);
        }

        if (toPing is not null)
        {
            Ping(toPing);
        }
    }

    private void LearnNodes(ReadOnlySpan<byte> blob, bool v6)
    {
        if (blob.IsEmpty)
        {
            return;
        }

        var nodes = new List<NodeAddress>();
        if (!CompactNodes.TryRead(blob, v6, nodes))
        {
            return;
        }

        foreach (var node in nodes)
        {
            if (node.Id == Id || Martians.IsMartian(node.Address, node.Port))
            {
                continue;
            }

            RoutingNode? toPing;
            lock (_tableLock)
            {
                (v6 ? _table6 : _table4).OnNewNode(node.Id, node.Address, node.Port, 0, _ctx.Time.GetUtcNow(), out toPing);
            }

            if (toPing is not null)
            {
                Ping(toPing);
            }
        }
    }

    private void Ping(RoutingNode node)
    {
        var remote = new IPEndPoint(node.Address, node.Port);
        var socket = SocketFor(remote.AddressFamily);
        if (socket is null || node.PendingRequests > 0)
        {
            return;
        }

        var tid = _outgoing.NextTid();
        var writer = Writer();
        DhtMessageWriter.WritePing(writer, tid, _ctx.Options.NetworkId, Id);
        SendTracked(tid, "ping", [writer.WrittenSpan.ToArray()], remote, socket, node);
    }

    private void SendFind(RoutingNode node, InfoHash target)
    {
        var remote = new IPEndPoint(node.Address, node.Port);
        var socket = SocketFor(remote.AddressFamily);
        if (socket is null)
        {
            return;
        }

        var tid = _outgoing.NextTid();
        var writer = Writer();
        DhtMessageWriter.WriteFind(writer, tid, _ctx.Options.NetworkId, Id, target, WantFamilies.IPv4 | WantFamilies.IPv6);
        SendTracked(tid, "find", [writer.WrittenSpan.ToArray()], remote, socket, node);
    }

    private async Task MaintenanceLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TickPeriod, _ctx.Time);
        var resend = new List<OutgoingRequests.Request>();
        var expired = new List<OutgoingRequests.Request>();
        var targets = new List<(InfoHash Target, RoutingNode Node)>();
        var promoted = new List<RoutingNode>();
        var nextBuckets = _ctx.Time.GetUtcNow() + TimeSpan.FromSeconds(Random.Shared.Next(3, 6));
        var nextExpire = _ctx.Time.GetUtcNow() + ExpirePeriod;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var now = _ctx.Time.GetUtcNow();
                resend.Clear();
                expired.Clear();
                _outgoing.Tick(now, resend, expired);
                foreach (var request in resend)
                {
                    Transmit(request.Socket, request.Datagrams, request.To, request.Kind);
                }

                lock (_tableLock)
                {
                    foreach (var request in expired)
                    {
                        if (request.Node is not null)
                        {
                            (request.To.AddressFamily == AddressFamily.InterNetworkV6 ? _table6 : _table4).OnTimeout(request.Node);
                        }
                    }
                }

                _ctx.Assembler.Expire(now);
                if (now >= nextBuckets)
                {
                    nextBuckets = now + BucketMaintenancePeriod;
                    targets.Clear();
                    lock (_tableLock)
                    {
                        _table4.MaintenanceTargets(now, Random.Shared, targets);
                        _table6.MaintenanceTargets(now, Random.Shared, targets);
                    }

                    foreach (var (target, node) in targets)
                    {
                        SendFind(node, target);
                    }
                }

                if (now >= nextExpire)
                {
                    nextExpire = now + ExpirePeriod;
                    promoted.Clear();
                    lock (_tableLock)
                    {
                        _table4.RemoveExpired(promoted);
                        _table6.RemoveExpired(promoted);
                    }

                    foreach (var node in promoted)
                    {
                        Ping(node);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
