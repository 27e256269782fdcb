namespace JamiCluster.Abstractions.Serialization;

/// <summary>Wire form of <see cref="InfoHash"/> for grain calls (the Dht project knows nothing of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("jc.InfoHash")]
public readonly struct InfoHashSurrogate
{
    /// <summary>The 20 bytes.</summary>
    [Id(0)]
    public readonly byte[] Bytes;

    /// <summary>Creates a surrogate.</summary>
    public InfoHashSurrogate(byte[] bytes) => Bytes = bytes;
}

/// <summary>Converts <see cref="InfoHash"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class InfoHashConverter : IConverter<InfoHash, InfoHashSurrogate>
{
    /// <inheritdoc />
    public InfoHash ConvertFromSurrogate(in InfoHashSurrogate surrogate) => InfoHash.FromBytes(surrogate.Bytes);

    /// <inheritdoc />
    public InfoHashSurrogate ConvertToSurrogate(in InfoHash value) => new(value.ToArray());
}
