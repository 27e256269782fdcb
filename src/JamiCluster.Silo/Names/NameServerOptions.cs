using System.ComponentModel.DataAnnotations;

namespace JamiCluster.Silo.Names;

/// <summary>The name-server HTTP listener (<c>JamiCluster:NameServer</c>); the name policy is <c>JamiCluster:Names</c>.</summary>
public sealed class NameServerOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "JamiCluster:NameServer";

    /// <summary>Serve the name-server protocol on this silo (edge silos do by default; core silos never do).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>TCP port (the reference server's 8080). Jami accounts then use <c>RingNS.uri = http://host:8080</c>.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>Addresses to listen on; empty means every address (IPv6 and IPv4).</summary>
    public List<string> BindAddresses { get; set; } = [];

    /// <summary>Optional base path (for example <c>/ns</c>) when the name server shares a host name behind a reverse proxy.</summary>
    [RegularExpression("^(/[A-Za-z0-9._~-]+)*$")]
    public string PathBase { get; set; } = "";

    /// <summary>Largest registration body accepted; a real one (RSA-4096 key and signature) is about 1.9 KB.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Registrations one client address may attempt per minute (each costs an RSA verification).</summary>
    [Range(1, 100_000)]
    public int RegistrationsPerMinutePerIp { get; set; } = 30;

    /// <summary>
    /// Seconds a silo serves a found name or address from its own cache before asking the grain again. Registered
    /// names never change, so this only bounds how long a revoked name may still resolve. 0 turns the cache off.
    /// </summary>
    [Range(0, 3600)]
    public int LookupCacheSeconds { get; set; } = 30;

    /// <summary>Most cached lookups per silo.</summary>
    [Range(1, 10_000_000)]
    public int LookupCacheEntries { get; set; } = 100_000;
}
