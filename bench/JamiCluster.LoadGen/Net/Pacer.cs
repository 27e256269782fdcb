using System.Diagnostics;

namespace JamiCluster.LoadGen.Net;

/// <summary>
/// Token bucket that keeps one simulated peer under a request rate. 2.4.12 drops (silently) what
/// exceeds 1024 requests/s per source IP in any sliding second, so we pace with a small burst
/// allowance and let callers reserve slots in the future instead of spinning.
/// </summary>
public sealed class Pacer
{
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _last;

    public Pacer(double ratePerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        _ratePerSecond = ratePerSecond;
        _burst = Math.Max(1, ratePerSecond / 50);
        _tokens = _burst;
        _last = Stopwatch.GetTimestamp();
    }

    public double RatePerSecond => _ratePerSecond;

    public ValueTask WaitAsync(CancellationToken cancellation)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + Stopwatch.GetElapsedTime(_last, now).TotalSeconds * _ratePerSecond);
            _last = now;
            _tokens -= 1;
            if (_tokens >= 0)
            {
                return ValueTask.CompletedTask;
            }

            // Negative balance = a reservation; the caller sleeps until its slot has accrued.
            wait = TimeSpan.FromSeconds(-_tokens / _ratePerSecond);
        }

        return new ValueTask(Task.Delay(wait, cancellation));
    }
}
