using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using JamiCluster.Dht.Values;
using MessagePack;

namespace JamiCluster.Dht.Tests.Support;

/// <summary>
/// Builds value maps by hand in the exact §6.1 layout, independently of the code under test:
/// <c>{id, dat: {body: {[seq, owner], type, data, [utype]}, [sig]}}</c>, the signature being RSA PKCS#1 v1.5 SHA-512
/// over the exact bytes of the body map.
/// </summary>
internal static class ValueBytes
{
    public static byte[] Unsigned(ulong id, ulong type, ReadOnlySpan<byte> data, string? userType = null, ulong? seq = null)
    {
        var body = Body(seq, owner: null, type, data, userType);
        return Wrap(id, body, signature: null);
    }

    public static byte[] Signed(RSA key, ulong id, ulong seq, ulong type, ReadOnlySpan<byte> data, string? userType = null, RSA? signer = null)
    {
        // The keys are shared by test classes that xunit runs in parallel; OpenSSL handles are not guaranteed thread-safe.
        byte[] owner;
        lock (key)
        {
            owner = key.ExportSubjectPublicKeyInfo();
        }

        var body = Body(seq, owner, type, data, userType);
        var signing = signer ?? key;
        byte[] signature;
        lock (signing)
        {
            signature = signing.SignData(body, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        }

        return Wrap(id, body, signature);
    }

    public static DhtValue Parse(byte[] raw)
    {
        Assert.True(DhtValue.TryParse(raw, out var value), "hand-built value must parse");
        return value;
    }

    private static byte[] Body(ulong? seq, byte[]? owner, ulong type, ReadOnlySpan<byte> data, string? userType)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        var count = 2 + (userType is null ? 0 : 1) + (seq.HasValue ? 1 : 0) + (owner is null ? 0 : 1);
        w.WriteMapHeader(count);
        if (seq.HasValue)
        {
            w.Write("seq");
            w.Write(seq.Value);
        }

        if (owner is not null)
        {
            w.Write("owner");
            w.Write(owner);
        }

        w.Write("type");
        w.Write(type);
        w.Write("data");
        w.Write(data);
        if (userType is not null)
        {
            w.Write("utype");
            w.WriteString(Encoding.UTF8.GetBytes(userType));
        }

        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Wrap(ulong id, byte[] body, byte[]? signature)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(2);
        w.Write("id");
        w.Write(id);
        w.Write("dat");
        w.WriteMapHeader(signature is null ? 1 : 2);
        w.Write("body");
        w.WriteRaw(body);
        if (signature is not null)
        {
            w.Write("sig");
            w.Write(signature);
        }

        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
