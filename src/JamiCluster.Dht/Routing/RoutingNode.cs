using System.Net;

namespace JamiCluster.Dht.Routing;

/// <summary>A peer in a routing table, with the two timestamps that decide whether it is good (§4.3).</summary>
public sealed class RoutingNode
{
    /// <summary>Creates a node entry.</summary>
    public RoutingNode(InfoHash id, IPAddress address, ushort port)
    {
        Id = id;
        Address = address;
        Port = port;
    }

    /// <summary>Node id.</summary>
    public InfoHash Id { get; }

    /// <summary>Last known address.</summary>
    public IPAddress Address { get; internal set; }

    /// <summary>Last known port.</summary>
    public ushort Port { get; internal set; }

    /// <summary>Last message of any kind received from it.</summary>
    public DateTimeOffset LastHeard { get; internal set; }

    /// <summary>Last reply to one of our requests.</summary>
    public DateTimeOffset LastReply { get; internal set; }

    /// <summary>Set when a request to it timed out; cleared by any message from it.</summary>
    public bool Expired { get; internal set; }

    /// <summary>Requests we sent it that are still unanswered (kept by the requester).</summary>
    public int PendingRequests { get; set; }

    /// <summary>Good: not expired, replied to us within 2 h and heard from within 10 min.</summary>
    public bool IsGood(DateTimeOffset now) =>
        !Expired && LastReply != default && now - LastReply <= DhtLimits.NodeGoodTime && now - LastHeard <= DhtLimits.NodeExpireTime;
}
