using System.ComponentModel.DataAnnotations;

namespace JamiCluster.Silo.Cluster;

/// <summary>How this silo joins a cluster (<c>JamiCluster:Cluster</c>).</summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "JamiCluster:Cluster";

    /// <summary>
    /// <c>Embedded</c>: localhost clustering and memory storage (nothing is durable). <c>PostgreSql</c>: membership and
    /// grain state in PostgreSQL (<see cref="ConnectionString"/>). <c>Auto</c> (default): PostgreSql when a connection
    /// string is configured, Embedded otherwise.
    /// </summary>
    public string Mode { get; set; } = "Auto";

    /// <summary>Npgsql connection string for PostgreSql mode (or <c>ConnectionStrings:JamiCluster</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply the schema (idempotent) before the silo starts.</summary>
    public bool ApplySchema { get; set; }

    /// <summary><c>edge</c>: UDP heads and grains; <c>core</c>: grains only.</summary>
    public string Role { get; set; } = "edge";

    /// <summary>PostgreSql mode: the address other silos reach this one at (default: loopback).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Orleans silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Embedded mode only: silo port of the primary silo to join (0: this silo is the primary).</summary>
    [Range(0, 65535)]
    public int PrimarySiloPort { get; set; }

    /// <summary>Cluster id shared by every silo of one deployment.</summary>
    public string ClusterId { get; set; } = "jamicluster";

    /// <summary>Service id (stable across redeployments; keys durable state).</summary>
    public string ServiceId { get; set; } = "jamicluster";
}
