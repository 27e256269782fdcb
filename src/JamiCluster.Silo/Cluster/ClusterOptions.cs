using System.ComponentModel.DataAnnotations;

namespace JamiCluster.Silo.Cluster;

/// <summary>How this silo joins a cluster (<c>JamiCluster:Cluster</c>).</summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "JamiCluster:Cluster";

    /// <summary><c>Embedded</c>: localhost clustering and memory storage (nothing is durable).</summary>
    public string Mode { get; set; } = "Embedded";

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
