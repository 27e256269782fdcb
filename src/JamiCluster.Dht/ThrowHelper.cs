using System.Diagnostics.CodeAnalysis;

namespace JamiCluster.Dht;

/// <summary>Cold throw sites, kept out of hot methods so they stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string name, string message) => throw new ArgumentException(message, name);

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);
}
