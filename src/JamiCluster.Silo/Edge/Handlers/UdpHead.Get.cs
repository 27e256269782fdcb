using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// <c>get</c>: one grain call for the values matching the query's where part; the reply carries node lists, a token
/// (always: a get reply without one gets us blacklisted) and either the values (inline or in parts) or the
/// <c>fileds</c> selection.
/// </summary>
public sealed partial class UdpHead
{
    private static ReadOnlySpan<byte> GetWithoutHash => "Get_values with no info_hash"u8;

    private void OnGet(RequestContext request, DhtMessage m, ReadOnlySpan<byte> ip)
    {
        if (m.Hash is not { } key)
        {
            SendError(request, m.Tid, DhtErrorCode.NonAuthoritativeInformation, GetWithoutHash);
            return;
        }

        _ = GetAsync(request, key, m.Query, m.Tid, m.Want);
    }

    private async Task GetAsync(RequestContext request, InfoHash key, ValueQuery? query, uint tid, WantFamilies want)
    {
        GetResult result;
        try
        {
            var bucket = Bucket(key);
            result = await bucket.GetAsync(key, query is { Where.Length: > 0 } ? query : null).WaitAsync(_ctx.GrainTimeout);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            BackendFailed("get", e);
            return;
        }

        SendGetReply(request, key, query, tid, want, result.Values);
    }

    private void SendGetReply(RequestContext request, InfoHash key, ValueQuery? query, uint tid, WantFamilies want, byte[][] raw)
    {
        var ip = request.RemoteBytes();
        Span<byte> n4 = stackalloc byte[DhtLimits.TargetNodes * CompactNodes.Entry4];
        Span<byte> n6 = stackalloc byte[DhtLimits.TargetNodes * CompactNodes.Entry6];
        Span<byte> token = stackalloc byte[DhtLimits.TokenSize];
        var (len4, len6) = WriteNodeLists(request, key, want, n4, n6);
        _ctx.Tokens.Make(ip, (ushort)request.Remote.Port, token);

        var select = query?.NormalizedSelect() ?? [];
        var writer = Writer();
        if (select.Length > 0)
        {
            FieldSelection? fields = null;
            if (raw.Length > 0)
            {
                var parsed = new List<DhtValue>(raw.Length);
                foreach (var bytes in raw)
                {
                    if (DhtValue.TryParse(bytes, out var value))
                    {
                        parsed.Add(value);
                    }
                }

                fields = new FieldSelection(select, parsed);
            }

            DhtMessageWriter.WriteNodesReply(writer, tid, _ctx.Options.NetworkId, Id, ip, n4[..len4], n6[..len6], token, fields: fields);
            Send(request, writer, "get_reply");
        }
        else
        {
            var values = AsMemories(raw);
            var inline = DhtMessageWriter.ShouldInline(values);
            DhtMessageWriter.WriteNodesReply(writer, tid, _ctx.Options.NetworkId, Id, ip, n4[..len4], n6[..len6], token, values, inline);
            Send(request, writer, "get_reply");
            if (!inline)
            {
                // Replies are sent once, parts with the tid of the request being answered.
                SendParts(request, tid, values);
            }
        }

        _ctx.Metrics.Replied(QueryVerb.Get, request.StartTimestamp);
    }

    private void SendParts(RequestContext request, uint tid, IReadOnlyList<ReadOnlyMemory<byte>> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var blob = values[i];
            for (var offset = 0; offset < blob.Length; offset += DhtLimits.PartChunk)
            {
                var length = Math.Min(DhtLimits.PartChunk, blob.Length - offset);
                var writer = Writer();
                DhtMessageWriter.WriteValuePart(writer, tid, _ctx.Options.NetworkId, i, offset, blob.Span.Slice(offset, length));
                Send(request, writer, "part");
            }
        }
    }

    private static ReadOnlyMemory<byte>[] AsMemories(byte[][] raw)
    {
        var values = new ReadOnlyMemory<byte>[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            values[i] = raw[i];
        }

        return values;
    }

    private void BackendFailed(string verb, Exception e)
    {
        _ctx.Metrics.Dropped(DropReason.Backend);
        EdgeLog.BackendFailed(_ctx.Logger, verb, e.Message);
    }
}
