using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Fragments;

/// <summary>
/// Reassembles fragmented values (opendht-wire.md §1.3). A header whose <c>values</c> holds sizes is kept, keyed by
/// (sender, tid), until every announced value has all its bytes; chunks may arrive in any order (as 3.7.3+ accepts),
/// duplicates are ignored, and a message must complete within 10 s of its header with at most 3 s between chunks.
/// Memory is bounded by <see cref="MaxPending"/> messages.
/// </summary>
public sealed class FragmentAssembler
{
    private readonly Dictionary<(PeerKey Peer, uint Tid), Pending> _pending = [];
    private readonly Lock _lock = new();

    /// <summary>Creates an assembler holding at most <paramref name="maxPending"/> incomplete messages.</summary>
    public FragmentAssembler(int maxPending = 4096)
    {
        MaxPending = maxPending;
    }

    /// <summary>Most incomplete messages held at once; further headers are refused.</summary>
    public int MaxPending { get; }

    /// <summary>Incomplete messages currently held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Keeps a header (its datagram is copied). False when the message is already pending (a retransmission) or
    /// the assembler is full.
    /// </summary>
    public bool AddHeader(PeerKey peer, DhtMessage header, ReadOnlySpan<byte> datagram, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_pending.ContainsKey((peer, header.Tid)))
            {
                return false;
            }

            if (_pending.Count >= MaxPending)
            {
                ExpireLocked(now);
                if (_pending.Count >= MaxPending)
                {
                    return false;
                }
            }

            var blobs = new Dictionary<int, Blob>();
            foreach (var slot in header.Values)
            {
                if (slot.IsPending)
                {
                    blobs[slot.Index] = new Blob(slot.PendingSize);
                }
            }

            _pending[(peer, header.Tid)] = new Pending(datagram.ToArray(), blobs, now);
            return true;
        }
    }

    /// <summary>
    /// Adds the chunks of a value part. Returns true once the message is complete, with the header datagram and
    /// the assembled values by index; the entry is then forgotten.
    /// </summary>
    public bool AddPart(PeerKey peer, DhtMessage part, DateTimeOffset now, out byte[] header, out Dictionary<int, byte[]> values)
    {
        header = [];
        values = [];
        lock (_lock)
        {
            if (!_pending.TryGetValue((peer, part.Tid), out var pending))
            {
                return false;
            }

            if (now - pending.Started > DhtLimits.RxMaxPacketTime || now - pending.LastChunk > DhtLimits.RxTimeout)
            {
                _pending.Remove((peer, part.Tid));
                return false;
            }

            foreach (var chunk in part.Parts)
            {
                if (pending.Blobs.TryGetValue(chunk.Index, out var blob) && blob.Add(chunk.Offset, chunk.Data.Span))
                {
                    pending.LastChunk = now;
                }
            }

            foreach (var blob in pending.Blobs.Values)
            {
                if (!blob.Complete)
                {
                    return false;
                }
            }

            _pending.Remove((peer, part.Tid));
            header = pending.Header;
            foreach (var (index, blob) in pending.Blobs)
            {
                values[index] = blob.Assemble();
            }

            return true;
        }
    }

    /// <summary>Drops messages that timed out.</summary>
    public void Expire(DateTimeOffset now)
    {
        lock (_lock)
        {
            ExpireLocked(now);
        }
    }

    private void ExpireLocked(DateTimeOffset now)
    {
        List<(PeerKey, uint)>? stale = null;
        foreach (var (key, pending) in _pending)
        {
            if (now - pending.Started > DhtLimits.RxMaxPacketTime || now - pending.LastChunk > DhtLimits.RxTimeout)
            {
                (stale ??= []).Add(key);
            }
        }

        if (stale is not null)
        {
            foreach (var key in stale)
            {
                _pending.Remove(key);
            }
        }
    }

    private sealed class Pending(byte[] header, Dictionary<int, Blob> blobs, DateTimeOffset started)
    {
        public byte[] Header { get; } = header;

        public Dictionary<int, Blob> Blobs { get; } = blobs;

        public DateTimeOffset Started { get; } = started;

        public DateTimeOffset LastChunk { get; set; } = started;
    }

    /// <summary>
    /// One value being filled. Chunks are kept as received, so memory follows the bytes that actually arrived rather than the
    /// announced size (a header alone can announce over a gigabyte), and a chunk that overlaps one already held is refused,
    /// so duplicates and overlaps cannot add up to a false "complete".
    /// </summary>
    private sealed class Blob(int size)
    {
        // Sorted by offset and disjoint.
        private readonly List<(int Offset, byte[] Bytes)> _chunks = [];
        private int _received;

        public bool Complete => _received == size;

        /// <summary>The value's bytes, built once it is complete.</summary>
        public byte[] Assemble()
        {
            var data = new byte[size];
            foreach (var (offset, bytes) in _chunks)
            {
                bytes.CopyTo(data, offset);
            }

            return data;
        }

        public bool Add(int offset, ReadOnlySpan<byte> chunk)
        {
            if (chunk.IsEmpty || offset + chunk.Length > size)
            {
                return false;
            }

            // First chunk starting after offset (chunks usually arrive in order, so this is mostly the end).
            int lo = 0, hi = _chunks.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_chunks[mid].Offset <= offset)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            if ((lo > 0 && _chunks[lo - 1].Offset + _chunks[lo - 1].Bytes.Length > offset) ||
                (lo < _chunks.Count && offset + chunk.Length > _chunks[lo].Offset))
            {
                return false;
            }

            _chunks.Insert(lo, (offset, chunk.ToArray()));
            _received += chunk.Length;
            return true;
        }
    }
}
