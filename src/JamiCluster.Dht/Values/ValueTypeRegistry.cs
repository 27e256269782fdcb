namespace JamiCluster.Dht.Values;

/// <summary>
/// The types a 2.4.12 node registers (§6.4), plus any configured by the operator. Unknown types live 10 minutes,
/// are stored without signature checks and cannot be edited, as on 2.4.12.
/// </summary>
public sealed class ValueTypeRegistry
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(10);
    private readonly Dictionary<ulong, ValueTypeSpec> _types = [];

    /// <summary>Creates the registry with the 2.4.12 defaults, then <paramref name="extra"/> (which may override them).</summary>
    public ValueTypeRegistry(IEnumerable<ValueTypeSpec>? extra = null)
    {
        Add(new ValueTypeSpec(0, "User Data", TimeSpan.FromMinutes(10), true, EditPolicy.SecureEdit));
        Add(new ValueTypeSpec(1, "DHT message", TimeSpan.FromMinutes(5), true, EditPolicy.SecureEdit));
        Add(new ValueTypeSpec(2, "Internet Service Announcement", TimeSpan.FromMinutes(15), false, EditPolicy.Reject));
        Add(new ValueTypeSpec(3, "IM message", TimeSpan.FromMinutes(5), true, EditPolicy.SecureEdit));
        Add(new ValueTypeSpec(4, "Certificate trust request", TimeSpan.FromDays(7), true, EditPolicy.SecureEdit));
        Add(new ValueTypeSpec(5, "ICE candidates", TimeSpan.FromMinutes(1), true, EditPolicy.SecureEdit));
        Add(new ValueTypeSpec(ValueTypeSpec.CertificateType, "Certificate", TimeSpan.FromDays(7), false, EditPolicy.SameCertificateKey));
        if (extra is not null)
        {
            foreach (var type in extra)
            {
                Add(type);
            }
        }
    }

    /// <summary>The spec for <paramref name="typeId"/>, or the unregistered default.</summary>
    public ValueTypeSpec Get(ulong typeId) =>
        _types.TryGetValue(typeId, out var spec) ? spec : new ValueTypeSpec(typeId, "unregistered", DefaultLifetime, false, EditPolicy.Reject);

    private void Add(ValueTypeSpec spec) => _types[spec.Id] = spec;
}
