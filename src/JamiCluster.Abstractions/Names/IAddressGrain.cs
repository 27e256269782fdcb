namespace JamiCluster.Abstractions.Names;

/// <summary>
/// One Jami ID (40 lowercase hex), for reverse lookups and for the one-name-per-address rule: a name grain claims
/// the address before it stores a registration, so two names racing for one address cannot both win.
/// </summary>
[Alias("jc.names.IAddressGrain")]
public interface IAddressGrain : IGrainWithStringKey
{
    /// <summary>The registered record of this address, or null.</summary>
    [Alias("get"), ReadOnly, AlwaysInterleave]
    Task<NameRecord?> GetAsync();

    /// <summary>Asks to bind the address to <paramref name="name"/>; held until confirmed or released.</summary>
    [Alias("claim")]
    Task<AddressClaim> ClaimAsync(string name);

    /// <summary>The claimed binding is stored.</summary>
    [Alias("confirm")]
    Task ConfirmAsync(NameRecord record);

    /// <summary>Drops a claim or binding of <paramref name="name"/> (failed store, revoked name).</summary>
    [Alias("release")]
    Task ReleaseAsync(string name);
}
