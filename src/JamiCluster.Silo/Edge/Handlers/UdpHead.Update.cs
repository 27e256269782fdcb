using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// Outgoing <c>update</c> requests to listeners: values (fragmented when large) or refreshed/expired ids, with a
/// fresh token, retransmitted until the listener answers.
/// </summary>
public sealed partial class UdpHead
{
    /// <summary>Delivers one change to one listener of this head.</summary>
    internal void Deliver(ListenerUpdate update, ListenerTarget target)
    {
        var remote = new IPEndPoint(new IPAddress(target.Endpoint.Address), target.Endpoint.Port);
        if (update.Values.Length > 0)
        {
            SendUpdate(remote, target.Sid, update.Key, update.Values, null, expired: false);
        }

        if (update.Refreshed.Length > 0)
        {
            SendUpdate(remote, target.Sid, update.Key, [], update.Refreshed, expired: false);
        }

        if (update.Expired.Length > 0)
        {
            SendUpdate(remote, target.Sid, update.Key, [], update.Expired, expired: true);
        }
    }

    private void SendUpdate(IPEndPoint remote, uint sid, InfoHash key, byte[][] values, ulong[]? ids, bool expired)
    {
        var socket = SocketFor(remote.AddressFamily);
        if (socket is null)
        {
            return;
        }

        var tid = _outgoing.NextTid();
        var ip = remote.Address.GetAddressBytes();
        Span<byte> token = stackalloc byte[DhtLimits.TokenSize];
        _ctx.Tokens.Make(ip, (ushort)remote.Port, token);
        var writer = Writer();
        byte[][] datagrams;
        if (ids is not null)
        {
            DhtMessageWriter.WriteUpdateIds(writer, tid, _ctx.Options.NetworkId, Id, sid, token, expired, ids);
            datagrams = [writer.WrittenSpan.ToArray()];
        }
        else
        {
            var memories = AsMemories(values);
            var inline = DhtMessageWriter.ShouldInline(memories);
            DhtMessageWriter.WriteUpdateValues(writer, tid, _ctx.Options.NetworkId, Id, key, sid, memories, inline, token);
            var list = new List<byte[]> { writer.WrittenSpan.ToArray() };
            if (!inline)
            {
                for (var i = 0; i < memories.Length; i++)
                {
                    for (var offset = 0; offset < memories[i].Length; offset += DhtLimits.PartChunk)
                    {
                        var part = Writer();
                        var length = Math.Min(DhtLimits.PartChunk, memories[i].Length - offset);
                        DhtMessageWriter.WriteValuePart(part, tid, _ctx.Options.NetworkId, i, offset, memories[i].Span.Slice(offset, length));
                        list.Add(part.WrittenSpan.ToArray());
                    }
                }
            }

            datagrams = [.. list];
        }

        SendTracked(tid, "update", datagrams, remote, socket, node: null);
    }

    private void SendTracked(uint tid, string kind, byte[][] datagrams, IPEndPoint remote, Socket socket, Dht.Routing.RoutingNode? node)
    {
        if (!_outgoing.Track(tid, kind, datagrams, remote, socket, node, _ctx.Time.GetUtcNow()))
        {
            return;
        }

        Transmit(socket, datagrams, remote, kind);
    }

    private void Transmit(Socket socket, byte[][] datagrams, IPEndPoint remote, string kind)
    {
        foreach (var datagram in datagrams)
        {
            try
            {
                socket.SendTo(datagram, SocketFlags.None, remote);
                _ctx.Metrics.Sent(kind);
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    private Socket? SocketFor(AddressFamily family)
    {
        foreach (var socket in _sockets)
        {
            if (socket.AddressFamily == family)
            {
                return socket;
            }
        }

        return null;
    }
}
