namespace JamiCluster.Grains.Names;

/// <summary>
/// One name. Calls run one at a time (only <see cref="GetAsync"/> interleaves), so the grain decides every
/// registration race for its name; the address grain decides races for an address, and the store's unique
/// constraints back both up. Binding order: claim the address, store the record, confirm the address.
/// </summary>
// Lookups of names nobody registered activate grains too; a short idle age keeps a flood of them from piling up.
[CollectionAgeLimit(Minutes = 5)]
public sealed class NameGrain(INameStore store, NameRules rules, RegistrationVerifier verifier, TimeProvider time, ILogger<NameGrain> logger) : Grain, INameGrain
{
    private NameRecord? _record;

    private string Name => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _record = await store.FindByNameAsync(Name, cancellationToken);

    /// <inheritdoc />
    public Task<NameRecord?> GetAsync() => Task.FromResult(_record);

    /// <inheritdoc />
    public Task<RegistrationResult> RegisterAsync(NameRegistration registration)
    {
        var candidate = new NameRecord(Name, NameStatus.Registered, registration.Addr, registration.PublicKey, registration.Signature, registration.Owner, time.GetUtcNow());
        return VerifyAndBindAsync(registration.Name, candidate);
    }

    /// <inheritdoc />
    public Task<RegistrationResult> ImportAsync(NameRecord record) => record.Status switch
    {
        NameStatus.Registered => VerifyAndBindAsync(record.Name, record with { Name = Name, Reason = null, ChangedAt = null }),
        NameStatus.Reserved when _record is { Status: NameStatus.Reserved } held && held.Addr == record.Addr =>
            Task.FromResult(new RegistrationResult(RegistrationOutcome.AlreadyRegistered, held)),
        NameStatus.Reserved => ReserveAsync(record.Reason ?? "imported", record.Addr),
        _ => RevokeImportedAsync(record),
    };

    /// <inheritdoc />
    public async Task<RegistrationResult> ReserveAsync(string reason, string? forAddr)
    {
        if (_record is { Status: not NameStatus.Reserved } held)
        {
            return new RegistrationResult(held.IsRegistered ? RegistrationOutcome.NameTaken : RegistrationOutcome.NameRevoked, held);
        }

        var now = time.GetUtcNow();
        var reserved = new NameRecord(Name, NameStatus.Reserved, forAddr, null, null, null, _record?.CreatedAt ?? now, reason, now);
        var saved = await SaveAsync(reserved);
        GrainsLog.NameReserved(logger, Name, forAddr ?? "(nobody)", reason);
        return new RegistrationResult(RegistrationOutcome.Registered, saved);
    }

    /// <inheritdoc />
    public async Task<NameRecord> RevokeAsync(string reason)
    {
        var previous = _record;
        var now = time.GetUtcNow();
        var revoked = (previous ?? new NameRecord(Name, NameStatus.Revoked, null, null, null, null, now)) with
        {
            Status = NameStatus.Revoked,
            Reason = reason,
            ChangedAt = now,
        };
        var saved = await SaveAsync(revoked);
        if (previous is { IsRegistered: true, Addr: { } addr })
        {
            // The address may take another name now; the revoked record keeps it for the audit trail.
            await GrainFactory.GetGrain<IAddressGrain>(addr).ReleaseAsync(Name);
        }

        GrainsLog.NameRevoked(logger, Name, previous?.Addr ?? "(none)", reason);
        return saved;
    }

    private async Task<RegistrationResult> RevokeImportedAsync(NameRecord record)
    {
        if (_record is { Status: NameStatus.Revoked } already)
        {
            return new RegistrationResult(RegistrationOutcome.AlreadyRegistered, already);
        }

        return new RegistrationResult(RegistrationOutcome.Registered, await RevokeAsync(record.Reason ?? "imported"));
    }

    private async Task<RegistrationResult> VerifyAndBindAsync(string signedName, NameRecord candidate)
    {
        // Clients verify the signature over the name we return, so only a name that is already canonical can be stored.
        if (!string.Equals(signedName, Name, StringComparison.Ordinal) || !rules.IsCanonical(signedName))
        {
            return new RegistrationResult(RegistrationOutcome.InvalidName);
        }

        // Proof first, so a forged request never learns more than "refused", even for a name it already holds.
        if (verifier.Verify(signedName, candidate.Addr!, candidate.PublicKey, candidate.Signature) is { } refused)
        {
            return new RegistrationResult(refused);
        }

        return Decide(candidate) ?? await BindAsync(candidate);
    }

    /// <summary>The answer when the stored record already decides the request, else null.</summary>
    private RegistrationResult? Decide(NameRecord candidate) => _record switch
    {
        null => null,
        { IsRegistered: true } held when held.Addr == candidate.Addr => new RegistrationResult(RegistrationOutcome.AlreadyRegistered, held),
        { IsRegistered: true } held => new RegistrationResult(RegistrationOutcome.NameTaken, held),
        { Status: NameStatus.Revoked } held => new RegistrationResult(RegistrationOutcome.NameRevoked, held),
        { Status: NameStatus.Reserved } held when held.Addr != candidate.Addr => new RegistrationResult(RegistrationOutcome.NameReserved, held),
        _ => null,
    };

    private async Task<RegistrationResult> BindAsync(NameRecord candidate)
    {
        var address = GrainFactory.GetGrain<IAddressGrain>(candidate.Addr!);
        var claim = await address.ClaimAsync(Name);
        if (!claim.Granted)
        {
            return new RegistrationResult(RegistrationOutcome.AddressTaken, await HolderAsync(claim.HolderName!));
        }

        NameStoreResult result;
        var stored = candidate with { Version = (_record?.Version ?? 0) + 1 };
        try
        {
            result = await store.SaveAsync(stored, _record);
        }
        catch
        {
            await address.ReleaseAsync(Name);
            throw;
        }

        switch (result)
        {
            case NameStoreResult.Saved:
                _record = stored;
                await address.ConfirmAsync(stored);
                GrainsLog.NameRegistered(logger, Name, stored.Addr!);
                return new RegistrationResult(RegistrationOutcome.Registered, stored);
            case NameStoreResult.NameChanged:
                // Another activation of this name wrote first (possible only while the cluster reshuffles).
                await address.ReleaseAsync(Name);
                _record = await store.FindByNameAsync(Name);
                return Decide(candidate) ?? new RegistrationResult(RegistrationOutcome.NameTaken, _record);
            default:
                await address.ReleaseAsync(Name);
                return new RegistrationResult(RegistrationOutcome.AddressTaken, await store.FindByAddressAsync(candidate.Addr!));
        }
    }

    /// <summary>The record of the name that holds an address; a name still being stored has none yet.</summary>
    private async Task<NameRecord> HolderAsync(string holder) =>
        await GrainFactory.GetGrain<INameGrain>(holder).GetAsync() ?? new NameRecord(holder, NameStatus.Registered, null, null, null, null, time.GetUtcNow());

    private async Task<NameRecord> SaveAsync(NameRecord record)
    {
        var stored = record with { Version = (_record?.Version ?? 0) + 1 };
        if (await store.SaveAsync(stored, _record) != NameStoreResult.Saved)
        {
            // An operator change lost a race with another activation: re-read and let the operator try again.
            _record = await store.FindByNameAsync(Name);
            throw new InvalidOperationException($"The record of '{Name}' changed while it was being updated; try again.");
        }

        _record = stored;
        return stored;
    }
}
