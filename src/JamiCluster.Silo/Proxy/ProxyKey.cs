using System.Text;

namespace JamiCluster.Silo.Proxy;

/// <summary>
/// The proxy's loose <c>{hash}</c> path parameter (proxy spec §2): 40 hex digits (extra characters ignored), else the
/// SHA-1 of the segment's bytes, so <c>/key/foo</c> is the key <c>sha1("foo")</c>.
/// </summary>
public static class ProxyKey
{
    /// <summary>The key a (percent-decoded) path segment names.</summary>
    public static InfoHash Parse(string segment)
    {
        if (segment.Length >= 40 && InfoHash.TryParse(segment.AsSpan(0, 40), out var key) && !key.IsZero)
        {
            return key;
        }

        return InfoHash.HashOf(Encoding.UTF8.GetBytes(segment));
    }
}
