using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// <c>refresh</c>: restarts a value's lifetime. An unknown key, and (unlike 2.4.12) an unknown value id, get 404 so
/// the client re-sends the full value, which is the recovery 2.4.12 implements.
/// </summary>
public sealed partial class UdpHead
{
    private static ReadOnlySpan<byte> UnknownStorage => "Access operation for unknown storage"u8;

    private void OnRefresh(RequestContext request, DhtMessage m, ReadOnlySpan<byte> ip)
    {
        if (!_ctx.Tokens.Check(m.Token.Span, ip, (ushort)request.Remote.Port))
        {
            SendError(request, m.Tid, DhtErrorCode.Unauthorized, PutWrongToken);
            return;
        }

        if (m.Hash is not { } key || m.Vid is not { } vid)
        {
            SendError(request, m.Tid, DhtErrorCode.NotFound, UnknownStorage);
            return;
        }

        _ = RefreshAsync(request, key, vid, m.Tid);
    }

    private async Task RefreshAsync(RequestContext request, InfoHash key, ulong vid, uint tid)
    {
        RefreshOutcome outcome;
        try
        {
            var bucket = Bucket(key);
            outcome = await bucket.RefreshAsync(key, vid).WaitAsync(_ctx.GrainTimeout);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            BackendFailed("refresh", e);
            return;
        }

        if (outcome != RefreshOutcome.Refreshed)
        {
            SendError(request, tid, DhtErrorCode.NotFound, UnknownStorage);
            return;
        }

        var writer = Writer();
        DhtMessageWriter.WriteValueAck(writer, tid, _ctx.Options.NetworkId, Id, vid, request.RemoteBytes());
        Send(request, writer, "refresh_reply");
        _ctx.Metrics.Replied(QueryVerb.Refresh, request.StartTimestamp);
    }
}
