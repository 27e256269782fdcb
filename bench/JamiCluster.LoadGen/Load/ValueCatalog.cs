using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using JamiCluster.LoadGen.Wire;

namespace JamiCluster.LoadGen.Load;

/// <summary>
/// Deterministic set of keys and values for one run. Everything is derived from a random run tag and
/// the index, so nothing large is kept in memory and a value can be regenerated to verify a get.
/// The tag makes keys unique per run: re-putting an identical value would only be a refresh on the
/// target and would not grow its storage.
/// </summary>
public sealed class ValueCatalog
{
    private readonly string _tag;
    private readonly byte[][] _keys;

    public ValueCatalog(int valueCount, int valuesPerKey, int valueSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(valueCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(valuesPerKey);
        ArgumentOutOfRangeException.ThrowIfNegative(valueSize);
        _tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        ValueCount = valueCount;
        ValuesPerKey = valuesPerKey;
        ValueSize = valueSize;
        _keys = new byte[(valueCount + valuesPerKey - 1) / valuesPerKey][];
        for (var k = 0; k < _keys.Length; k++)
        {
            // SHA-1 of a name, like real OpenDHT keys, so keys spread uniformly over the id space.
            _keys[k] = InfoHash.OfString($"jamicluster-loadgen/{_tag}/key/{k}");
        }
    }

    public int ValueCount { get; }

    public int ValuesPerKey { get; }

    public int ValueSize { get; }

    public int KeyCount => _keys.Length;

    public byte[] Key(int keyIndex) => _keys[keyIndex];

    public int KeyOfValue(int valueIndex) => valueIndex / ValuesPerKey;

    public ulong ValueId(int valueIndex)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"jamicluster-loadgen/{_tag}/vid/{valueIndex}"));
        var id = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return id == 0 ? 1 : id; // 0 is rejected with error 203
    }

    /// <summary>Incompressible-looking bytes, different for every value, so no storer can dedupe them.</summary>
    public byte[] Data(int valueIndex)
    {
        var data = new byte[ValueSize];
        new Random(HashCode.Combine(_tag, valueIndex)).NextBytes(data);
        return data;
    }

    public byte[] Blob(int valueIndex) => ValueBlob.Build(ValueId(valueIndex), Data(valueIndex));
}
