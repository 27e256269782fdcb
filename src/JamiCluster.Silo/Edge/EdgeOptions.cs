using System.ComponentModel.DataAnnotations;

namespace JamiCluster.Silo.Edge;

/// <summary>The UDP edge (<c>JamiCluster:Edge</c>): heads, bindings, limits.</summary>
public sealed class EdgeOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "JamiCluster:Edge";

    /// <summary>Serve the DHT on this silo (role <c>edge</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>UDP port of the first head; head i listens on BasePort + i. 4222 is OpenDHT's default port.</summary>
    [Range(1, 65535)]
    public int BasePort { get; set; } = 4222;

    /// <summary>Number of heads (DHT identities) this silo runs.</summary>
    [Range(1, 64)]
    public int HeadCount { get; set; } = 4;

    /// <summary>Addresses the heads bind to. Empty (the default): every IPv4 and every IPv6 interface.</summary>
    public string[] BindAddresses { get; set; } = [];

    /// <summary>The bind addresses in effect.</summary>
    public string[] EffectiveBindAddresses => BindAddresses.Length > 0 ? BindAddresses : ["0.0.0.0", "::"];

    /// <summary>
    /// Addresses other silos advertise for this silo's heads in node lists. Empty: the silo's cluster address.
    /// (A head answering a client always advertises the address that client reached it on.)
    /// </summary>
    public string[] AdvertisedAddresses { get; set; } = [];

    /// <summary>Seed of the heads' node ids (stable across restarts). Empty: host name and base port.</summary>
    public string NodeIdSeed { get; set; } = "";

    /// <summary>OpenDHT network id; 0 is the public/Jami network.</summary>
    public uint NetworkId { get; set; }

    /// <summary>Requests per second accepted from one IPv4 address or IPv6 /64 (OpenDHT: 1024). 0 = unlimited.</summary>
    [Range(0, int.MaxValue)]
    public int PerIpRequestsPerSecond { get; set; } = 1024;

    /// <summary>Requests per second accepted by this silo in all (OpenDHT: 8192). 0 = unlimited.</summary>
    [Range(0, int.MaxValue)]
    public int GlobalRequestsPerSecond { get; set; } = 8192;

    /// <summary>Also list good client peers (not only heads) in find/get replies.</summary>
    public bool ListPeers { get; set; }

    /// <summary>Threads blocked in receive on each head socket (the kernel gives each datagram to one of them).</summary>
    [Range(1, 16)]
    public int ReceiveThreadsPerSocket { get; set; } = 2;

    /// <summary>Seconds a grain call may take before the request is dropped (the client then retries).</summary>
    [Range(1, 60)]
    public int GrainCallTimeoutSeconds { get; set; } = 3;
}
