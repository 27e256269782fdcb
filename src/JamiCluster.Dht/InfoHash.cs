using System.Buffers.Binary;
using System.Security.Cryptography;

namespace JamiCluster.Dht;

/// <summary>
/// A 160-bit OpenDHT identifier (key or node id). A value type so that routing tables, dictionaries
/// and decoded messages hold it without allocating.
/// </summary>
public readonly struct InfoHash : IEquatable<InfoHash>, IComparable<InfoHash>
{
    /// <summary>Length of an id on the wire.</summary>
    public const int Size = 20;

    // Big-endian words: comparing (A, B, C) as unsigned integers orders ids like the 160-bit number.
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    private InfoHash(ulong a, ulong b, uint c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    /// <summary>The all-zero id, which the protocol treats as "no id".</summary>
    public static InfoHash Zero => default;

    /// <summary>True for the all-zero id.</summary>
    public bool IsZero => (_a | _b | _c) == 0;

    /// <summary>Reads an id from exactly 20 bytes.</summary>
    public static InfoHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            ThrowHelper.ThrowArgument(nameof(bytes), "An InfoHash is exactly 20 bytes.");
        }

        return new InfoHash(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));
    }

    /// <summary>Parses 40 hex digits.</summary>
    public static InfoHash Parse(string hex)
    {
        Span<byte> buffer = stackalloc byte[Size];
        if (hex.Length != Size * 2 || Convert.FromHexString(hex, buffer, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            ThrowHelper.ThrowArgument(nameof(hex), "An InfoHash is 40 hex digits.");
        }

        return FromBytes(buffer);
    }

    /// <summary>Tries to parse 40 hex digits.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out InfoHash hash)
    {
        Span<byte> buffer = stackalloc byte[Size];
        if (hex.Length != Size * 2 || Convert.FromHexString(hex, buffer, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            hash = default;
            return false;
        }

        hash = FromBytes(buffer);
        return true;
    }

    /// <summary>SHA-1 of the UTF-8 bytes of <paramref name="text"/>, as OpenDHT's <c>InfoHash::get</c>.</summary>
    public static InfoHash Get(string text)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(text), digest);
        return FromBytes(digest);
    }

    /// <summary>SHA-1 of arbitrary bytes.</summary>
    public static InfoHash HashOf(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA1.HashData(data, digest);
        return FromBytes(digest);
    }

    /// <summary>A random id.</summary>
    public static InfoHash Random()
    {
        Span<byte> buffer = stackalloc byte[Size];
        RandomNumberGenerator.Fill(buffer);
        return FromBytes(buffer);
    }

    /// <summary>Writes the 20 bytes into <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    /// <summary>A new array holding the 20 bytes (for contracts that need one).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>XOR distance between two ids.</summary>
    public InfoHash Xor(InfoHash other) => new(_a ^ other._a, _b ^ other._b, _c ^ other._c);

    /// <summary>Negative when <paramref name="x"/> is closer to this id than <paramref name="y"/> (XOR metric).</summary>
    public int CompareDistance(InfoHash x, InfoHash y) => Xor(x).CompareTo(Xor(y));

    /// <summary>The first <paramref name="bits"/> bits (at most 32) as an unsigned integer.</summary>
    public uint Prefix(int bits)
    {
        if (bits is < 0 or > 32)
        {
            ThrowHelper.ThrowArgument(nameof(bits), "A prefix is 0 to 32 bits.");
        }

        return bits == 0 ? 0 : (uint)(_a >> (64 - bits));
    }

    /// <summary>Bit <paramref name="index"/> counted from the most significant bit (0..159).</summary>
    public bool GetBit(int index) => index switch
    {
        < 64 => ((_a >> (63 - index)) & 1) != 0,
        < 128 => ((_b >> (127 - index)) & 1) != 0,
        _ => ((_c >> (159 - index)) & 1) != 0,
    };

    /// <summary>Number of leading bits this id shares with <paramref name="other"/>.</summary>
    public int CommonBits(InfoHash other)
    {
        var x = Xor(other);
        if (x._a != 0)
        {
            return System.Numerics.BitOperations.LeadingZeroCount(x._a);
        }

        if (x._b != 0)
        {
            return 64 + System.Numerics.BitOperations.LeadingZeroCount(x._b);
        }

        return x._c != 0 ? 128 + System.Numerics.BitOperations.LeadingZeroCount(x._c) : 160;
    }

    /// <summary>Index (0 = most significant) of the least significant set bit, or -1 for zero.</summary>
    public int LowestSetBit()
    {
        if (_c != 0)
        {
            return 159 - System.Numerics.BitOperations.TrailingZeroCount(_c);
        }

        if (_b != 0)
        {
            return 127 - System.Numerics.BitOperations.TrailingZeroCount(_b);
        }

        return _a != 0 ? 63 - System.Numerics.BitOperations.TrailingZeroCount(_a) : -1;
    }

    /// <summary>This id with its first <paramref name="bits"/> bits kept and the rest taken from <paramref name="suffix"/>.</summary>
    public InfoHash WithPrefixOf(InfoHash suffix, int bits)
    {
        var result = suffix;
        for (var i = 0; i < bits && i < 160; i++)
        {
            result = result.WithBit(i, GetBit(i));
        }

        return result;
    }

    /// <summary>This id with bit <paramref name="index"/> set to <paramref name="value"/>.</summary>
    public InfoHash WithBit(int index, bool value)
    {
        ulong a = _a, b = _b;
        uint c = _c;
        if (index < 64)
        {
            var m = 1UL << (63 - index);
            a = value ? a | m : a & ~m;
        }
        else if (index < 128)
        {
            var m = 1UL << (127 - index);
            b = value ? b | m : b & ~m;
        }
        else
        {
            var m = 1U << (159 - index);
            c = value ? c | m : c & ~m;
        }

        return new InfoHash(a, b, c);
    }

    /// <inheritdoc />
    public int CompareTo(InfoHash other)
    {
        var r = _a.CompareTo(other._a);
        if (r != 0)
        {
            return r;
        }

        r = _b.CompareTo(other._b);
        return r != 0 ? r : _c.CompareTo(other._c);
    }

    /// <inheritdoc />
    public bool Equals(InfoHash other) => _a == other._a && _b == other._b && _c == other._c;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InfoHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    /// <summary>40 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[Size];
        WriteTo(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(InfoHash left, InfoHash right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(InfoHash left, InfoHash right) => !left.Equals(right);

    /// <summary>Ordering as 160-bit numbers.</summary>
    public static bool operator <(InfoHash left, InfoHash right) => left.CompareTo(right) < 0;

    /// <summary>Ordering as 160-bit numbers.</summary>
    public static bool operator >(InfoHash left, InfoHash right) => left.CompareTo(right) > 0;

    /// <summary>Ordering as 160-bit numbers.</summary>
    public static bool operator <=(InfoHash left, InfoHash right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering as 160-bit numbers.</summary>
    public static bool operator >=(InfoHash left, InfoHash right) => left.CompareTo(right) >= 0;
}
