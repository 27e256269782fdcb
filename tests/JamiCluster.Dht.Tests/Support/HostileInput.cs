using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace JamiCluster.Dht.Tests.Support;

/// <summary>Deterministic generators of broken datagrams: mutations of real ones, and random msgpack-ish structures.</summary>
internal sealed class HostileInput(int seed)
{
    /// <summary>Keys the decoder and value parser look at, so that random maps reach the interesting code paths.</summary>
    private static readonly string[] Keys =
    [
        "a", "r", "e", "u", "p", "q", "y", "t", "v", "n", "s", "id", "h", "target", "w", "token", "values", "fileds", "c", "vid", "sid",
        "ve", "n4", "n6", "sa", "re", "exp", "o", "d", "f", "ping", "find", "get", "put", "listen", "refresh", "update", "dat", "body",
        "sig", "seq", "owner", "to", "type", "data", "utype", "x",
    ];

    private readonly Random _random = new(seed);

    /// <summary>One to three mutations of <paramref name="source"/>.</summary>
    public byte[] Mutate(byte[] source)
    {
        var bytes = new List<byte>(source);
        var rounds = 1 + _random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            MutateOnce(bytes);
        }

        return bytes.ToArray();
    }

    /// <summary>A random buffer: noise, noise behind a map header, or a generated msgpack structure (sometimes truncated).</summary>
    public byte[] RandomBuffer()
    {
        switch (_random.Next(6))
        {
            case 0:
                return Noise(_random.Next(64));
            case 1:
                var noise = Noise(1 + _random.Next(512));
                noise[0] = (byte)(0x80 | _random.Next(16));
                return noise;
            case 2:
                return DeepNesting();
            default:
                var structure = Structure();
                return _random.Next(4) == 0 && structure.Length > 1 ? structure[..(1 + _random.Next(structure.Length - 1))] : structure;
        }
    }

    /// <summary>A top-level map of DHT keys with random (often hostile) values.</summary>
    public byte[] Structure()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        var count = _random.Next(8);
        w.WriteMapHeader(count);
        for (var i = 0; i < count; i++)
        {
            WriteKey(ref w);
            WriteAny(ref w, 0);
        }

        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Thousands of nested arrays or maps under a known or unknown key: a stack-depth attack.</summary>
    public byte[] DeepNesting()
    {
        var depth = 1000 + _random.Next(30000);
        var key = Keys[_random.Next(Keys.Length)];
        var bytes = new List<byte> { 0x81, (byte)(0xA0 | key.Length) };
        bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(key));
        var map = _random.Next(2) == 0;
        for (var i = 0; i < depth; i++)
        {
            if (map)
            {
                bytes.Add(0x81);
                bytes.Add(0x00);
            }
            else
            {
                bytes.Add(0x91);
            }
        }

        bytes.Add(0xC0);
        return bytes.ToArray();
    }

    private void MutateOnce(List<byte> bytes)
    {
        var position = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
        switch (_random.Next(7))
        {
            case 0 when bytes.Count > 0:
                bytes[position] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                bytes.RemoveRange(position, bytes.Count - position);
                break;
            case 2:
                bytes.InsertRange(position, Noise(1 + _random.Next(8)));
                break;
            case 3 when bytes.Count > 0:
                bytes.RemoveRange(position, Math.Min(bytes.Count - position, 1 + _random.Next(16)));
                break;
            case 4:
                // Overwrite with a length-prefixed header declaring an arbitrary, usually absurd, size.
                var header = LengthHeader();
                for (var i = 0; i < header.Length; i++)
                {
                    if (position + i < bytes.Count)
                    {
                        bytes[position + i] = header[i];
                    }
                    else
                    {
                        bytes.Add(header[i]);
                    }
                }

                break;
            case 5 when bytes.Count > 0:
                bytes[position] = (byte)_random.Next(256);
                break;
            default:
                // Duplicate a slice somewhere else, which keeps the bytes plausible msgpack.
                if (bytes.Count > 0)
                {
                    var length = Math.Min(bytes.Count - position, 1 + _random.Next(64));
                    var slice = bytes.GetRange(position, length);
                    bytes.InsertRange(_random.Next(bytes.Count), slice);
                }

                break;
        }
    }

    private byte[] LengthHeader()
    {
        // str8/16/32, bin8/16/32, array16/32, map16/32 with small, large or maximal counts.
        byte[] codes = [0xD9, 0xDA, 0xDB, 0xC4, 0xC5, 0xC6, 0xDC, 0xDD, 0xDE, 0xDF];
        var code = codes[_random.Next(codes.Length)];
        var width = code switch
        {
            0xD9 or 0xC4 => 1,
            0xDA or 0xC5 or 0xDC or 0xDE => 2,
            _ => 4,
        };
        var header = new byte[1 + width];
        header[0] = code;
        var value = _random.Next(3) switch
        {
            0 => uint.MaxValue,
            1 => (uint)_random.Next(64),
            _ => (uint)_random.NextInt64(uint.MaxValue),
        };
        for (var i = 0; i < width; i++)
        {
            header[width - i] = (byte)(value >> (8 * i));
        }

        return header;
    }

    private byte[] Noise(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private void WriteKey(ref MessagePackWriter w)
    {
        if (_random.Next(10) == 0)
        {
            WriteAny(ref w, 3);
            return;
        }

        w.Write(Keys[_random.Next(Keys.Length)]);
    }

    private void WriteAny(ref MessagePackWriter w, int depth)
    {
        var choice = depth > 6 ? _random.Next(9) : _random.Next(13);
        switch (choice)
        {
            case 0:
                w.Write(_random.NextInt64());
                break;
            case 1:
                w.Write(-_random.NextInt64());
                break;
            case 2:
                w.Write((ulong)_random.NextInt64() * 2);
                break;
            case 3:
                w.Write((byte)_random.Next(256));
                break;
            case 4:
                w.Write(Noise(_random.Next(4) == 0 ? 20 : _random.Next(70)));
                break;
            case 5:
                w.Write(Keys[_random.Next(Keys.Length)]);
                break;
            case 6:
                w.WriteNil();
                break;
            case 7:
                w.Write(_random.Next(2) == 0);
                break;
            case 8:
                // A header declaring far more bytes or elements than follow (fixed 32-bit forms).
                var raw = new byte[5];
                raw[0] = (byte)(_random.Next(2) == 0 ? 0xDD : 0xC6);
                BinaryPrimitives.WriteUInt32BigEndian(raw.AsSpan(1), _random.Next(2) == 0 ? uint.MaxValue : (uint)_random.Next(1 << 20));
                w.WriteRaw(raw);
                break;
            case 9:
                w.Write(_random.NextDouble());
                break;
            case 10:
                {
                    var n = _random.Next(6);
                    w.WriteArrayHeader(n);
                    for (var i = 0; i < n; i++)
                    {
                        WriteAny(ref w, depth + 1);
                    }

                    break;
                }

            case 11:
                {
                    // An array of small integers: the legacy blob form, and family numbers for `w`.
                    var n = _random.Next(40);
                    w.WriteArrayHeader(n);
                    for (var i = 0; i < n; i++)
                    {
                        w.Write(_random.Next(4) == 0 ? _random.Next(70000) : _random.Next(256));
                    }

                    break;
                }

            default:
                {
                    var n = _random.Next(6);
                    w.WriteMapHeader(n);
                    for (var i = 0; i < n; i++)
                    {
                        if (_random.Next(4) == 0)
                        {
                            // Integer keys, as in `p: {index: {...}}`.
                            w.Write(_random.Next(4) == 0 ? _random.NextInt64() : _random.Next(4));
                        }
                        else
                        {
                            WriteKey(ref w);
                        }

                        WriteAny(ref w, depth + 1);
                    }

                    break;
                }
        }
    }
}
