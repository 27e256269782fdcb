using System.Security.Cryptography;
using System.Text;

namespace JamiCluster.LoadGen.Wire;

/// <summary>Helpers for the 20-byte ids used as node ids, keys (<c>h</c>) and find targets.</summary>
public static class InfoHash
{
    public const int Length = 20;

    /// <summary>A random non-zero id: 2.4.12 drops messages whose sender id is all zeros.</summary>
    public static byte[] Random()
    {
        var id = new byte[Length];
        do
        {
            RandomNumberGenerator.Fill(id);
        }
        while (id.AsSpan().IndexOfAnyExcept((byte)0) < 0);

        return id;
    }

    /// <summary>SHA-1 of a string, which is how OpenDHT applications derive keys.</summary>
    public static byte[] OfString(string text) => SHA1.HashData(Encoding.UTF8.GetBytes(text));

    public static string Hex(ReadOnlySpan<byte> id) => Convert.ToHexStringLower(id);
}
