namespace JamiCluster.LoadGen.Stats;

/// <summary>
/// Shared switch telling every peer whether results count: replies and timeouts during warm-up and
/// drain are discarded, so only steady-state behaviour is reported.
/// </summary>
public sealed class MeasurementWindow
{
    private volatile bool _measuring;

    public bool IsMeasuring => _measuring;

    public void Open() => _measuring = true;

    public void Close() => _measuring = false;
}
