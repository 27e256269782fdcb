using System.Diagnostics;
using System.Diagnostics.Metrics;
using JamiCluster.Dht.Wire;
using JamiCluster.Silo.Telemetry;

namespace JamiCluster.Silo.Edge;

/// <summary>Instruments of the UDP edge. Tags come from fixed sets (never an address or id).</summary>
public sealed class EdgeMetrics
{
    private static readonly string[] VerbNames = ["reply", "ping", "find", "get", "put", "refresh", "listen", "update"];
    private static readonly string[] ReasonNames = ["malformed", "martian", "rate_limited", "wrong_network", "bad_sender", "orphan_part", "backend", "oversize"];

    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private long _droppedTotal;
    private long _receivedTotal;

    /// <summary>Creates the instruments.</summary>
    public EdgeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetryNames.Meter);
        _received = meter.CreateCounter<long>(TelemetryNames.DatagramsReceived, "{datagram}", "UDP datagrams received by the heads.");
        _sent = meter.CreateCounter<long>(TelemetryNames.DatagramsSent, "{datagram}", "UDP datagrams sent by the heads.");
        _dropped = meter.CreateCounter<long>(TelemetryNames.DatagramsDropped, "{datagram}", "UDP datagrams dropped, by reason.");
        _errors = meter.CreateCounter<long>(TelemetryNames.ErrorsSent, "{error}", "DHT error replies sent, by code.");
        _duration = meter.CreateHistogram<double>(TelemetryNames.RequestDuration, "s", "Time from receiving a request to sending its reply.");
    }

    /// <summary>Datagrams dropped since start (all reasons), for tests and logs.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>Datagrams received since start.</summary>
    public long ReceivedTotal => Interlocked.Read(ref _receivedTotal);

    /// <summary>Counts a received datagram.</summary>
    public void Received(MessageKind kind, QueryVerb verb)
    {
        Interlocked.Increment(ref _receivedTotal);
        _received.Add(1, new KeyValuePair<string, object?>(TelemetryNames.TagMessageType, TypeName(kind, verb)));
    }

    /// <summary>Counts a sent datagram.</summary>
    public void Sent(string type) => _sent.Add(1, new KeyValuePair<string, object?>(TelemetryNames.TagMessageType, type));

    /// <summary>Counts a drop.</summary>
    public void Dropped(DropReason reason)
    {
        Interlocked.Increment(ref _droppedTotal);
        _dropped.Add(1, new KeyValuePair<string, object?>(TelemetryNames.TagReason, ReasonNames[(int)reason]));
    }

    /// <summary>Counts an error reply.</summary>
    public void Error(DhtErrorCode code) => _errors.Add(1, new KeyValuePair<string, object?>(TelemetryNames.TagCode, (int)code));

    /// <summary>Records the time since <paramref name="startTimestamp"/>.</summary>
    public void Replied(QueryVerb verb, long startTimestamp) =>
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>(TelemetryNames.TagMessageType, VerbNames[(int)verb]));

    private static string TypeName(MessageKind kind, QueryVerb verb) => kind switch
    {
        MessageKind.Query => VerbNames[(int)verb],
        MessageKind.Reply => "reply",
        MessageKind.Error => "error",
        MessageKind.ValuePart => "part",
        MessageKind.LegacyUpdate => "legacy_update",
        _ => "unknown",
    };
}
