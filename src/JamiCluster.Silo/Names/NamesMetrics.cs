using System.Diagnostics.Metrics;
using JamiCluster.Silo.Telemetry;

namespace JamiCluster.Silo.Names;

/// <summary>Instruments of the name server; tags come from fixed sets (never a name or address).</summary>
public sealed class NamesMetrics
{
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _registrations;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments.</summary>
    public NamesMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetryNames.Meter);
        _lookups = meter.CreateCounter<long>(TelemetryNames.NameLookups, "{lookup}", "Name-server lookups, by kind (name, addr) and outcome.");
        _registrations = meter.CreateCounter<long>(TelemetryNames.NameRegistrations, "{registration}", "Name registrations, by outcome.");
        _duration = meter.CreateHistogram<double>(TelemetryNames.NameRequestDuration, "s", "Time to answer a name-server request.");
    }

    /// <summary>Counts a lookup (<paramref name="kind"/>: name or addr; <paramref name="outcome"/>: found, not_found, invalid, error).</summary>
    public void Lookup(string kind, string outcome, double seconds)
    {
        _lookups.Add(1, new KeyValuePair<string, object?>(TelemetryNames.TagKind, kind), new KeyValuePair<string, object?>(TelemetryNames.TagOutcome, outcome));
        _duration.Record(seconds, new KeyValuePair<string, object?>(TelemetryNames.TagKind, kind));
    }

    /// <summary>Counts a registration attempt by outcome (snake_case outcome names, plus bad_request, rate_limited, error).</summary>
    public void Registration(string outcome, double seconds)
    {
        _registrations.Add(1, new KeyValuePair<string, object?>(TelemetryNames.TagOutcome, outcome));
        _duration.Record(seconds, new KeyValuePair<string, object?>(TelemetryNames.TagKind, "register"));
    }
}
