using System.Security.Cryptography;
using JamiCluster.Dht.Routing;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// Requests a head sends (pings, maintenance finds, listener updates), matched to replies by tid and retransmitted
/// as 2.4.12 does (opendht-wire.md §1.8): three sends at about 0, 1 and 3 s, then expiry, which marks the node expired.
/// </summary>
public sealed class OutgoingRequests
{
    private const int MaxAttempts = 3;
    private const int MaxOutstanding = 65536;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<uint, Request> _pending = [];
    private readonly Lock _lock = new();
    private uint _nextTid = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);

    /// <summary>Requests waiting for a reply.</summary>
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

    /// <summary>A fresh transaction id (never 0; advances by 2 like 2.4.12).</summary>
    public uint NextTid()
    {
        var tid = Interlocked.Add(ref _nextTid, 2);
        return tid == 0 ? Interlocked.Add(ref _nextTid, 2) : tid;
    }

    /// <summary>Tracks a request that was just sent once; false when too many are outstanding.</summary>
    public bool Track(uint tid, string kind, byte[][] datagrams, IPEndPoint to, Socket socket, RoutingNode? node, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_pending.Count >= MaxOutstanding)
            {
                return false;
            }

            if (node is not null)
            {
                node.PendingRequests++;
            }

            _pending[tid] = new Request(kind, datagrams, to, socket, node) { Attempts = 1, Delay = FirstDelay, NextAt = now + FirstDelay + FirstDelay };
            return true;
        }
    }

    /// <summary>Takes the request a reply with <paramref name="tid"/> answers, if it came from where we sent it.</summary>
    public bool TryComplete(uint tid, IPEndPoint from, out Request? request)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(tid, out request) && request.To.Address.Equals(from.Address))
            {
                _pending.Remove(tid);
                if (request.Node is not null)
                {
                    request.Node.PendingRequests--;
                }

                return true;
            }

            request = null;
            return false;
        }
    }

    /// <summary>Resends what is due and expires what has had its three tries; returns expired requests.</summary>
    public void Tick(DateTimeOffset now, List<Request> resend, List<Request> expired)
    {
        lock (_lock)
        {
            List<uint>? done = null;
            foreach (var (tid, request) in _pending)
            {
                if (now < request.NextAt)
                {
                    continue;
                }

                if (request.Attempts >= MaxAttempts)
                {
                    (done ??= []).Add(tid);
                    expired.Add(request);
                    continue;
                }

                request.Attempts++;
                request.Delay = (request.Delay * 2) + TimeSpan.FromMilliseconds(Random.Shared.Next(250));
                request.NextAt = now + request.Delay;
                resend.Add(request);
            }

            if (done is not null)
            {
                foreach (var tid in done)
                {
                    if (_pending.Remove(tid, out var request) && request.Node is not null)
                    {
                        request.Node.PendingRequests--;
                    }
                }
            }
        }
    }

    /// <summary>One outstanding request.</summary>
    public sealed class Request(string kind, byte[][] datagrams, IPEndPoint to, Socket socket, RoutingNode? node)
    {
        /// <summary>ping, find or update.</summary>
        public string Kind { get; } = kind;

        /// <summary>Every datagram of the request (header and parts), re-sent together.</summary>
        public byte[][] Datagrams { get; } = datagrams;

        /// <summary>Destination.</summary>
        public IPEndPoint To { get; } = to;

        /// <summary>Socket it leaves from.</summary>
        public Socket Socket { get; } = socket;

        /// <summary>Routing entry of the destination, if any.</summary>
        public RoutingNode? Node { get; } = node;

        /// <summary>Transmissions so far.</summary>
        public int Attempts { get; set; }

        /// <summary>Current back-off.</summary>
        public TimeSpan Delay { get; set; }

        /// <summary>Next retransmission time.</summary>
        public DateTimeOffset NextAt { get; set; }
    }
}
