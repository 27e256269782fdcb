using System.Buffers;
using System.Security.Cryptography;
using MessagePack;

namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>Builds value maps in the exact §6.1 layout, unsigned or signed (RSA PKCS#1 v1.5 SHA-512 over the body).</summary>
public static class TestValues
{
    /// <summary>An unsigned value.</summary>
    public static byte[] Unsigned(ulong id, byte[] data, ulong type = 0, string? userType = null)
    {
        var body = new ArrayBufferWriter<byte>();
        var b = new MessagePackWriter(body);
        b.WriteMapHeader(userType is null ? 2 : 3);
        b.Write("type");
        b.Write(type);
        b.Write("data");
        b.Write(data);
        if (userType is not null)
        {
            b.Write("utype");
            b.Write(userType);
        }

        b.Flush();
        return Wrap(id, body.WrittenSpan, null);
    }

    /// <summary>A value signed by <paramref name="key"/> with sequence number <paramref name="seq"/>.</summary>
    public static byte[] Signed(ulong id, byte[] data, ushort seq, RSA key, ulong type = 0)
    {
        var body = new ArrayBufferWriter<byte>();
        var b = new MessagePackWriter(body);
        b.WriteMapHeader(4);
        b.Write("seq");
        b.Write(seq);
        b.Write("owner");
        b.Write(key.ExportSubjectPublicKeyInfo());
        b.Write("type");
        b.Write(type);
        b.Write("data");
        b.Write(data);
        b.Flush();
        var signature = key.SignData(body.WrittenSpan, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        return Wrap(id, body.WrittenSpan, signature);
    }

    private static byte[] Wrap(ulong id, ReadOnlySpan<byte> body, byte[]? signature)
    {
        var output = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(output);
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
        return output.WrittenSpan.ToArray();
    }
}
