using System.ComponentModel.DataAnnotations;

namespace JamiCluster.Silo.Proxy;

/// <summary>The DHT proxy's HTTP listener (<c>JamiCluster:Proxy</c>), for phones that do not run a DHT node.</summary>
public sealed class ProxyOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "JamiCluster:Proxy";

    /// <summary>Serve the OpenDHT proxy REST API on this silo (edge silos do by default; core silos never do).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>TCP port. Jami accounts then use <c>proxyServer = host:8000</c>.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 8000;

    /// <summary>Addresses to listen on; empty means every address (IPv6 and IPv4).</summary>
    public List<string> BindAddresses { get; set; } = [];

    /// <summary>Largest request body: a value is at most 64 KiB, about 87 KiB in base64 JSON.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 128 * 1024;

    /// <summary>Listen streams one client address may hold open at once (each is an open connection and a grain listener).</summary>
    [Range(1, 1_000_000)]
    public int MaxListenStreamsPerIp { get; set; } = 64;
}
