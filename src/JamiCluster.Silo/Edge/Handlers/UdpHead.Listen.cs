using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// <c>listen</c>: registers (node, sid) in the keyspace grain with this silo's edge observer. A new registration
/// gets the current values pushed in an <c>update</c> before the reply, as 2.4.12 does. A legacy listen without
/// <c>ve</c> is treated as version 1.
/// </summary>
public sealed partial class UdpHead
{
    private static ReadOnlySpan<byte> ListenWithoutHash => "Listen with no info_hash"u8;

    private static ReadOnlySpan<byte> ListenWrongToken => "Listen with wrong token"u8;

    private void OnListen(RequestContext request, DhtMessage m, ReadOnlySpan<byte> ip)
    {
        if (m.Hash is not { } key)
        {
            SendError(request, m.Tid, DhtErrorCode.NonAuthoritativeInformation, ListenWithoutHash);
            return;
        }

        if (!_ctx.Tokens.Check(m.Token.Span, ip, (ushort)request.Remote.Port))
        {
            SendError(request, m.Tid, DhtErrorCode.Unauthorized, ListenWrongToken);
            return;
        }

        if (_ctx.Observer is not { } observer)
        {
            return;
        }

        var record = new ListenerRecord(m.Id, new PeerEndpoint(ip.ToArray(), (ushort)request.Remote.Port), m.Sid ?? 0, Index, observer, m.Query);
        _ = ListenAsync(request, key, record, m.Tid);
    }

    private async Task ListenAsync(RequestContext request, InfoHash key, ListenerRecord record, uint tid)
    {
        ListenResult result;
        try
        {
            var bucket = Bucket(key);
            result = await bucket.ListenAsync(key, record).WaitAsync(_ctx.GrainTimeout);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            BackendFailed("listen", e);
            return;
        }

        if (result.IsNew && result.Values.Length > 0)
        {
            SendUpdate(request.Remote, record.Sid, key, result.Values, null, expired: false);
        }

        var writer = Writer();
        DhtMessageWriter.WritePong(writer, tid, _ctx.Options.NetworkId, Id, request.RemoteBytes());
        Send(request, writer, "listen_reply");
        _ctx.Metrics.Replied(QueryVerb.Listen, request.StartTimestamp);
    }
}
