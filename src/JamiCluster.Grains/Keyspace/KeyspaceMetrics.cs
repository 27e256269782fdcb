using System.Diagnostics.Metrics;

namespace JamiCluster.Grains.Keyspace;

/// <summary>Keyspace instruments (meter <c>JamiCluster</c>).</summary>
public sealed class KeyspaceMetrics
{
    private readonly Counter<long> _journalFailures;
    private long _journalFailuresTotal;

    /// <summary>Creates the instruments.</summary>
    public KeyspaceMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("JamiCluster");
        _journalFailures = meter.CreateCounter<long>("jamicluster.keyspace.journal.failures", "{failure}", "Value journal writes or loads that failed (database unavailable).");
    }

    /// <summary>Journal failures since start.</summary>
    public long JournalFailuresTotal => Interlocked.Read(ref _journalFailuresTotal);

    /// <summary>Counts one failure.</summary>
    public void JournalFailure()
    {
        Interlocked.Increment(ref _journalFailuresTotal);
        _journalFailures.Add(1);
    }
}
