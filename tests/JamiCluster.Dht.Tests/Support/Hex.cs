namespace JamiCluster.Dht.Tests.Support;

/// <summary>Hex shorthands so that byte comparisons show readable diffs on failure.</summary>
internal static class Hex
{
    public static string Of(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}
