using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary><c>ping</c> (and the answer to any incoming <c>update</c>): <c>{id, sa}</c>.</summary>
public sealed partial class UdpHead
{
    private void OnPing(RequestContext request, DhtMessage m, ReadOnlySpan<byte> ip)
    {
        var writer = Writer();
        DhtMessageWriter.WritePong(writer, m.Tid, _ctx.Options.NetworkId, Id, ip);
        Send(request, writer, "pong");
        _ctx.Metrics.Replied(m.Verb, request.StartTimestamp);
    }
}
