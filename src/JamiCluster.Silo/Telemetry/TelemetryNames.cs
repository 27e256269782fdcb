namespace JamiCluster.Silo.Telemetry;

/// <summary>Every meter, instrument and tag name in one place.</summary>
public static class TelemetryNames
{
    /// <summary>Our meter.</summary>
    public const string Meter = "JamiCluster";

    /// <summary>Datagrams received, tagged by message type.</summary>
    public const string DatagramsReceived = "jamicluster.edge.datagrams.received";

    /// <summary>Datagrams sent, tagged by message type.</summary>
    public const string DatagramsSent = "jamicluster.edge.datagrams.sent";

    /// <summary>Datagrams dropped, tagged by reason.</summary>
    public const string DatagramsDropped = "jamicluster.edge.datagrams.dropped";

    /// <summary>Time from receipt to reply.</summary>
    public const string RequestDuration = "jamicluster.edge.request.duration";

    /// <summary>Error replies sent, tagged by code.</summary>
    public const string ErrorsSent = "jamicluster.edge.errors.sent";

    /// <summary>Tag: message type.</summary>
    public const string TagMessageType = "message.type";

    /// <summary>Tag: drop reason.</summary>
    public const string TagReason = "reason";

    /// <summary>Tag: error code.</summary>
    public const string TagCode = "code";

    /// <summary>Name-server lookups, tagged by kind and outcome.</summary>
    public const string NameLookups = "jamicluster.names.lookups";

    /// <summary>Name registrations, tagged by outcome.</summary>
    public const string NameRegistrations = "jamicluster.names.registrations";

    /// <summary>Time to answer a name-server request, tagged by kind.</summary>
    public const string NameRequestDuration = "jamicluster.names.request.duration";

    /// <summary>Tag: what kind of request (name, addr, register).</summary>
    public const string TagKind = "kind";

    /// <summary>Tag: outcome.</summary>
    public const string TagOutcome = "outcome";
}
