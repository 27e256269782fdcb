using JamiCluster.Dht.Storage;
using JamiCluster.Dht.Values;
using Microsoft.Extensions.Options;

namespace JamiCluster.Grains.Keyspace;

/// <summary>
/// Holds the values and listeners of every key in one prefix bucket. The storage rules live in
/// <see cref="KeyStore"/>; this grain adds quotas, expiry timers and listener fan-out through edge observers.
/// </summary>
public sealed partial class KeyspaceBucketGrain : Grain, IKeyspaceBucketGrain
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ListenerSweepPeriod = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RefreshNoticeInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan JournalPurgePeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan JournalTimeout = TimeSpan.FromSeconds(2);

    private readonly Dictionary<InfoHash, KeyEntry> _keys = [];
    private readonly Dictionary<string, long> _bytesByOwner = [];
    private readonly ExpiryWheel _expiry = new();
    private readonly TimeProvider _time;
    private readonly KeyspaceOptions _options;
    private readonly ValueTypeRegistry _types;
    private readonly ILogger<KeyspaceBucketGrain> _logger;
    private readonly IValueJournal _journal;
    private readonly KeyspaceMetrics _metrics;
    private readonly List<JournalEntry> _backlog = [];
    private bool _loadPending;
    private DateTimeOffset _lastPurge;
    private IGrainTimer? _timer;
    private DateTimeOffset _lastListenerSweep;

    /// <summary>Creates the grain.</summary>
    public KeyspaceBucketGrain(
        TimeProvider time, IOptions<KeyspaceOptions> options, ValueTypeRegistry types, IValueJournal journal, KeyspaceMetrics metrics, ILogger<KeyspaceBucketGrain> logger)
    {
        _journal = journal;
        _metrics = metrics;
        _time = time;
        _options = options.Value;
        _types = types;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A bucket re-activated after a crash or a restart reloads the values its journal kept. With the database
        // down it starts empty, serves from memory and loads (merging) once the database answers again.
        var restored = await TryLoadAsync(cancellationToken);
        GrainsLog.BucketActivated(_logger, this.GetPrimaryKeyLong(), restored);
    }

    private async Task<int> TryLoadAsync(CancellationToken cancellation)
    {
        IReadOnlyList<JournalEntry> saved;
        try
        {
            saved = await _journal.LoadAsync(this.GetPrimaryKeyLong(), _time.GetUtcNow(), cancellation).WaitAsync(JournalTimeout, cancellation);
            _loadPending = false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            _loadPending = true;
            JournalFailed(e);
            EnsureTimer();
            return 0;
        }

        var restored = 0;
        foreach (var entry in saved)
        {
            if (!DhtValue.TryParse(entry.Raw, out var value))
            {
                continue;
            }

            var keyEntry = GetOrAddEntry(entry.Key);
            if (keyEntry.Restore(value, entry.Created, entry.Expires, entry.QuotaOwner) is { } stored)
            {
                Charge(stored, +1);
                _expiry.Add(keyEntry, stored);
                restored++;
            }
        }

        if (restored > 0)
        {
            EnsureTimer();
        }

        return restored;
    }

    /// <summary>
    /// Journals entries before the ack. If the database does not answer, the put is still served from memory
    /// (the DHT keeps working through an outage), counted, and journaled by the sweep once the database is back.
    /// </summary>
    private async Task JournalAsync(List<JournalEntry> entries)
    {
        if (_backlog.Count == 0)
        {
            try
            {
                await _journal.SaveAsync(entries).WaitAsync(JournalTimeout);
                return;
            }
            catch (Exception e)
            {
                JournalFailed(e);
            }
        }

        _backlog.AddRange(entries);
        EnsureTimer();
    }

    private async Task FlushBacklogAsync(CancellationToken cancellation)
    {
        try
        {
            await _journal.SaveAsync(_backlog, cancellation).WaitAsync(JournalTimeout, cancellation);
            GrainsLog.JournalRecovered(_logger, this.GetPrimaryKeyLong(), _backlog.Count);
            _backlog.Clear();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            // Still down: keep the backlog, try again next sweep.
            _metrics.JournalFailure();
        }
    }

    private void JournalFailed(Exception e)
    {
        _metrics.JournalFailure();
        GrainsLog.JournalUnavailable(_logger, this.GetPrimaryKeyLong(), e.Message);
    }

    /// <inheritdoc />
    public Task<GetResult> GetAsync(InfoHash key, ValueQuery? query)
    {
        if (!_keys.TryGetValue(key, out var entry))
        {
            return Task.FromResult(GetResult.Empty);
        }

        var now = _time.GetUtcNow();
        var values = new List<byte[]>(entry.Count);
        foreach (var stored in entry.Values)
        {
            if (stored.Expiration > now && (query is null || query.Matches(stored)))
            {
                values.Add(stored.Raw);
            }
        }

        return Task.FromResult(new GetResult([.. values], true));
    }

    /// <inheritdoc />
    public async Task<PutOutcome[]> PutAsync(PutRequest request)
    {
        var now = _time.GetUtcNow();
        var created = request.Created is { } c ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(c, 0, now.ToUnixTimeSeconds())) : now;
        var entry = GetOrAddEntry(request.Key);
        var outcomes = new PutOutcome[request.Values.Length];
        List<byte[]>? added = null;
        List<ulong>? refreshed = null;
        List<JournalEntry>? journal = null;

        for (var i = 0; i < request.Values.Length; i++)
        {
            if (!DhtValue.TryParse(request.Values[i], out var value))
            {
                outcomes[i] = new PutOutcome(0, StoreChange.None, StoreVerdict.PolicyRejected);
                continue;
            }

            if (!HasQuota(request.QuotaOwner, value.Raw.Length))
            {
                outcomes[i] = new PutOutcome(value.Id, StoreChange.None, StoreVerdict.QuotaExceeded);
                continue;
            }

            // An edit is judged by the stored value's type (as 2.4.12 does), so a signed value cannot be replaced
            // through a laxer type.
            var previous = entry.Find(value.Id);
            var type = _types.Get(previous?.Type ?? value.Type);
            var previousRefresh = previous?.Created;
            var result = entry.Store(value, type, created, now, request.QuotaOwner, _options.MaxValuesPerKey);
            outcomes[i] = new PutOutcome(value.Id, result.Change, result.Verdict);
            switch (result.Change)
            {
                case StoreChange.Added:
                case StoreChange.Edited:
                    Charge(result.Replaced, -1);
                    Charge(result.Stored, +1);
                    _expiry.Add(entry, result.Stored!);
                    (added ??= []).Add(request.Values[i]);
                    (journal ??= []).Add(Journal(request.Key, result.Stored!));
                    break;
                case StoreChange.Refreshed when previousRefresh is null || now - previousRefresh.Value > RefreshNoticeInterval:
                    // A client puts to every head it knows, so one put arrives several times within a second: only
                    // the first is news. Later identical puts are real refreshes and listeners hear them.
                    (refreshed ??= []).Add(value.Id);
                    _expiry.Add(entry, result.Stored!);
                    (journal ??= []).Add(Journal(request.Key, result.Stored!));
                    break;
                case StoreChange.Refreshed:
                    _expiry.Add(entry, result.Stored!);
                    break;
            }
        }

        if (entry.IsEmpty)
        {
            _keys.Remove(request.Key);
        }

        if (added is not null)
        {
            Notify(entry, request.Key, added, null, null);
        }

        if (refreshed is not null)
        {
            Notify(entry, request.Key, null, refreshed, null);
        }

        EnsureTimer();

        // Durable before acknowledged: the edge replies only after this returns.
        if (journal is not null)
        {
            await JournalAsync(journal);
        }

        return outcomes;
    }

    /// <inheritdoc />
    public async Task<RefreshOutcome> RefreshAsync(InfoHash key, ulong valueId)
    {
        if (!_keys.TryGetValue(key, out var entry))
        {
            return RefreshOutcome.UnknownKey;
        }

        if (!entry.Refresh(valueId, _types, _time.GetUtcNow()))
        {
            return RefreshOutcome.UnknownValue;
        }

        var stored = entry.Find(valueId)!;
        _expiry.Add(entry, stored);
        Notify(entry, key, null, [valueId], null);
        await JournalAsync([Journal(key, stored)]);
        return RefreshOutcome.Refreshed;
    }

    /// <inheritdoc />
    public Task<ListenResult> ListenAsync(InfoHash key, ListenerRecord listener)
    {
        var now = _time.GetUtcNow();
        var entry = GetOrAddEntry(key);
        var id = (listener.NodeId, listener.Sid);
        var listeners = entry.EnsureListeners();
        if (listeners.TryGetValue(id, out var existing))
        {
            existing.Record = listener;
            existing.Refreshed = now;
            EnsureTimer();
            return Task.FromResult(new ListenResult(false, []));
        }

        listeners[id] = new KeyEntry.Listener(listener, now);
        var values = new List<byte[]>();
        foreach (var stored in entry.Values)
        {
            if (stored.Expiration > now && (listener.Query is null || listener.Query.Matches(stored)))
            {
                values.Add(stored.Raw);
            }
        }

        EnsureTimer();
        return Task.FromResult(new ListenResult(true, [.. values]));
    }

    /// <inheritdoc />
    public Task<BucketStats> GetStatsAsync()
    {
        int values = 0, listeners = 0;
        long bytes = 0;
        foreach (var entry in _keys.Values)
        {
            values += entry.Count;
            bytes += entry.Bytes;
            listeners += entry.ListenerCount;
        }

        return Task.FromResult(new BucketStats(_keys.Count, values, bytes, listeners));
    }

    private JournalEntry Journal(InfoHash key, StoredValue stored) =>
        new(this.GetPrimaryKeyLong(), key, stored.Raw, stored.Id, stored.Created, stored.Expiration, stored.QuotaOwner);

    private KeyEntry GetOrAddEntry(InfoHash key)
    {
        if (!_keys.TryGetValue(key, out var entry))
        {
            entry = new KeyEntry(key);
            _keys[key] = entry;
        }

        return entry;
    }

    private bool HasQuota(string owner, int bytes) =>
        _bytesByOwner.GetValueOrDefault(owner) + bytes <= _options.MaxBytesPerIpPerBucket;

    private void Charge(StoredValue? stored, int sign)
    {
        if (stored is null)
        {
            return;
        }

        var total = _bytesByOwner.GetValueOrDefault(stored.QuotaOwner) + (sign * stored.ChargedBytes);
        if (total <= 0)
        {
            _bytesByOwner.Remove(stored.QuotaOwner);
        }
        else
        {
            _bytesByOwner[stored.QuotaOwner] = total;
        }
    }

    /// <summary>Sends one change to every matching listener, one observer call per silo.</summary>
    private void Notify(KeyEntry entry, InfoHash key, List<byte[]>? values, List<ulong>? refreshed, List<ulong>? expired)
    {
        if (entry.Listeners is not { Count: > 0 })
        {
            return;
        }

        var bySilo = new Dictionary<IEdgeObserver, (List<ListenerTarget> Targets, List<byte[]> Values)>();
        // A client listens through up to 4 heads (one record each); it merges what they send by value id, so one
        // notification per client endpoint is enough.
        var notified = new HashSet<PeerEndpoint>();
        foreach (var listener in entry.Listeners.Values)
        {
            var record = listener.Record;
            if (!notified.Add(record.Endpoint))
            {
                continue;
            }

            List<byte[]>? matching = null;
            if (values is not null)
            {
                matching = FilterFor(record, values);
                if (matching.Count == 0)
                {
                    continue;
                }
            }

            if (!bySilo.TryGetValue(record.Edge, out var group))
            {
                group = ([], matching ?? []);
                bySilo[record.Edge] = group;
            }
            else if (matching is not null && matching.Count != group.Values.Count)
            {
                // Listeners of one silo with different filters: send separately.
                record.Edge.OnUpdateAsync(new ListenerUpdate(key, [new ListenerTarget(record.Endpoint, record.Sid, record.HeadIndex)], [.. matching], [], [])).Ignore();
                continue;
            }

            group.Targets.Add(new ListenerTarget(record.Endpoint, record.Sid, record.HeadIndex));
        }

        foreach (var (edge, group) in bySilo)
        {
            var update = new ListenerUpdate(key, [.. group.Targets], [.. group.Values], refreshed is null ? [] : [.. refreshed], expired is null ? [] : [.. expired]);
            edge.OnUpdateAsync(update).Ignore();
        }
    }

    private static List<byte[]> FilterFor(ListenerRecord record, List<byte[]> values)
    {
        if (record.Query is null || record.Query.Where.Length == 0)
        {
            return values;
        }

        var matching = new List<byte[]>(values.Count);
        foreach (var raw in values)
        {
            if (DhtValue.TryParse(raw, out var value) && record.Query.Matches(value))
            {
                matching.Add(raw);
            }
        }

        return matching;
    }

    private void EnsureTimer()
    {
        // KeepAlive: while the grain holds values or listeners it must not be collected (the state is in memory).
        _timer ??= this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(SweepPeriod, SweepPeriod) { KeepAlive = true, Interleave = false });
    }

    private async Task SweepAsync(CancellationToken cancellation)
    {
        if (_backlog.Count > 0)
        {
            await FlushBacklogAsync(cancellation);
        }

        if (_loadPending)
        {
            await TryLoadAsync(cancellation);
        }

        var now = _time.GetUtcNow();
        var due = new List<(KeyStore Store, StoredValue Value)>();
        _expiry.Expire(now, due);
        var expired = new Dictionary<InfoHash, List<ulong>>();
        foreach (var (store, stored) in due)
        {
            Charge(stored, -1);
            if (!expired.TryGetValue(store.Key, out var ids))
            {
                ids = [];
                expired[store.Key] = ids;
            }

            ids.Add(stored.Id);
        }

        foreach (var (key, ids) in expired)
        {
            if (!_keys.TryGetValue(key, out var entry))
            {
                continue;
            }

            Notify(entry, key, null, null, ids);
            if (entry.IsEmpty)
            {
                _keys.Remove(key);
            }
        }

        if (now - _lastListenerSweep >= ListenerSweepPeriod)
        {
            _lastListenerSweep = now;
            ExpireListeners(now);
        }

        if (_journal.IsDurable && now - _lastPurge >= JournalPurgePeriod)
        {
            // Expired rows are skipped on load anyway; purging keeps the table small.
            _lastPurge = now;
            _journal.PurgeExpiredAsync(this.GetPrimaryKeyLong(), now, cancellation).Ignore();
        }

        if (_keys.Count == 0 && _backlog.Count == 0 && !_loadPending && _timer is not null)
        {
            _timer.Dispose();
            _timer = null;
        }
    }

    private void ExpireListeners(DateTimeOffset now)
    {
        List<InfoHash>? emptied = null;
        foreach (var (key, entry) in _keys)
        {
            if (entry.Listeners is null)
            {
                continue;
            }

            List<(InfoHash, uint)>? stale = null;
            foreach (var (id, listener) in entry.Listeners)
            {
                if (now - listener.Refreshed > Dht.DhtLimits.ListenerExpire)
                {
                    (stale ??= []).Add(id);
                }
            }

            if (stale is null)
            {
                continue;
            }

            foreach (var id in stale)
            {
                entry.Listeners.Remove(id);
            }

            entry.DropListenersIfEmpty();

            if (entry.IsEmpty)
            {
                (emptied ??= []).Add(key);
            }
        }

        if (emptied is not null)
        {
            foreach (var key in emptied)
            {
                _keys.Remove(key);
            }
        }
    }
}
