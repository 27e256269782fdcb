using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// <c>put</c> and value parts: token checked against the sender's address, fragmented values reassembled, then one
/// grain call; every value that parsed is acknowledged with its id whatever the store policy decided (2.4.12 does
/// the same, §3.4).
/// </summary>
public sealed partial class UdpHead
{
    private static ReadOnlySpan<byte> PutWithoutHash => "Put with no info_hash"u8;

    private static ReadOnlySpan<byte> PutWrongToken => "Put with wrong token"u8;

    private static ReadOnlySpan<byte> PutInvalidId => "Put with invalid id"u8;

    private void OnPut(RequestContext request, DhtMessage m, ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> ip)
    {
        if (m.Hash is not { } key)
        {
            SendError(request, m.Tid, DhtErrorCode.NonAuthoritativeInformation, PutWithoutHash);
            return;
        }

        if (!_ctx.Tokens.Check(m.Token.Span, ip, (ushort)request.Remote.Port))
        {
            SendError(request, m.Tid, DhtErrorCode.Unauthorized, PutWrongToken);
            return;
        }

        if (m.HasPendingValues)
        {
            // Retransmitted headers of a pending message are ignored; a full assembler drops the put (the client retries).
            if (!_ctx.Assembler.AddHeader(request.PeerKey(), m, datagram, _ctx.Time.GetUtcNow()))
            {
                _ctx.Metrics.Dropped(DropReason.OrphanPart);
            }

            return;
        }

        var raw = new List<byte[]>(m.Values.Count);
        foreach (var slot in m.Values)
        {
            raw.Add(slot.Raw.ToArray());
        }

        StartPut(request, key, m.Tid, m.Created, raw);
    }

    private void OnValuePart(RequestContext request, DhtMessage part, ReadOnlySpan<byte> ip)
    {
        var now = _ctx.Time.GetUtcNow();
        if (!_ctx.Assembler.AddPart(request.PeerKey(), part, now, out var header, out var blobs))
        {
            return;
        }

        // Complete: decode the kept header again and put the reassembled values in their array positions.
        var m = new DhtMessage();
        if (DhtMessageReader.TryRead(header, m) != DecodeStatus.Ok || m.Hash is not { } key || m.Verb != QueryVerb.Put)
        {
            return;
        }

        var raw = new List<byte[]>(m.Values.Count);
        foreach (var slot in m.Values)
        {
            if (!slot.IsPending)
            {
                raw.Add(slot.Raw.ToArray());
            }
            else if (blobs.TryGetValue(slot.Index, out var blob))
            {
                raw.Add(blob);
            }
        }

        StartPut(request, key, m.Tid, m.Created, raw);
    }

    private void StartPut(RequestContext request, InfoHash key, uint tid, long? created, List<byte[]> raw)
    {
        // Values are stored up to the first one with id 0, which earns a 203 (as 2.4.12); unparsable ones are skipped.
        var ids = new List<ulong>(raw.Count);
        var accepted = new List<byte[]>(raw.Count);
        var invalidId = false;
        foreach (var bytes in raw)
        {
            if (!DhtValue.TryParse(bytes, out var value))
            {
                continue;
            }

            if (value.Id == 0)
            {
                invalidId = true;
                break;
            }

            ids.Add(value.Id);
            accepted.Add(bytes);
        }

        if (invalidId)
        {
            SendError(request, tid, DhtErrorCode.NonAuthoritativeInformation, PutInvalidId);
        }

        if (accepted.Count == 0)
        {
            // A put whose values all fail to parse gets no reply at all.
            return;
        }

        _ = PutAsync(request, new PutRequest(key, [.. accepted], created, QuotaOwner(request.Remote.Address)), tid, ids, replyToClient: !invalidId);
    }

    private async Task PutAsync(RequestContext request, PutRequest put, uint tid, List<ulong> ids, bool replyToClient)
    {
        try
        {
            var bucket = Bucket(put.Key);
            await bucket.PutAsync(put).WaitAsync(_ctx.GrainTimeout);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not acknowledged: the client retries, so nothing acknowledged is ever lost here.
            BackendFailed("put", e);
            return;
        }

        if (!replyToClient)
        {
            return;
        }

        var ip = request.RemoteBytes();
        foreach (var id in ids)
        {
            var writer = Writer();
            DhtMessageWriter.WriteValueAck(writer, tid, _ctx.Options.NetworkId, Id, id, ip);
            Send(request, writer, "put_reply");
        }

        _ctx.Metrics.Replied(QueryVerb.Put, request.StartTimestamp);
    }

    /// <summary>Quota owner: the IPv4 address, or the IPv6 /64 (as OpenDHT counts storage per putter).</summary>
    private static string QuotaOwner(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
