namespace JamiCluster.Grains.Names;

/// <summary>
/// One Jami ID: serves reverse lookups and grants at most one name a claim on the address at a time. A claim whose
/// name grain never confirmed it (its silo died mid-registration) lapses after <see cref="ClaimLease"/>; the store's
/// unique address index still refuses a second binding if the first one was in fact written.
/// </summary>
// Lookups of names nobody registered activate grains too; a short idle age keeps a flood of them from piling up.
[CollectionAgeLimit(Minutes = 5)]
public sealed class AddressGrain(INameStore store, TimeProvider time) : Grain, IAddressGrain
{
    /// <summary>How long an unconfirmed claim holds the address (well above a grain call's timeout).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(60);

    private NameRecord? _record;
    private string? _claimedBy;
    private DateTimeOffset _claimedAt;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _record = await store.FindByAddressAsync(this.GetPrimaryKeyString(), cancellationToken);

    /// <inheritdoc />
    public Task<NameRecord?> GetAsync() => Task.FromResult(_record);

    /// <inheritdoc />
    public Task<AddressClaim> ClaimAsync(string name)
    {
        if (_record is { } bound)
        {
            return Task.FromResult(new AddressClaim(bound.Name == name, bound.Name));
        }

        var now = time.GetUtcNow();
        if (_claimedBy is { } other && other != name && now - _claimedAt < ClaimLease)
        {
            return Task.FromResult(new AddressClaim(false, other));
        }

        _claimedBy = name;
        _claimedAt = now;
        return Task.FromResult(new AddressClaim(true, null));
    }

    /// <inheritdoc />
    public Task ConfirmAsync(NameRecord record)
    {
        _record = record;
        _claimedBy = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string name)
    {
        if (_claimedBy == name)
        {
            _claimedBy = null;
        }

        if (_record?.Name == name)
        {
            _record = null;
        }

        return Task.CompletedTask;
    }
}
