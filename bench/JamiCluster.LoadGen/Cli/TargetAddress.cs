using System.Globalization;
using System.Net;

namespace JamiCluster.LoadGen.Cli;

/// <summary>Parses "host:port" and refuses anything but loopback: this tool must never load a remote host.</summary>
public static class TargetAddress
{
    public static IPEndPoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !IPAddress.TryParse(text[..colon], out var address) ||
            !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ||
            port is < 1 or > 65535)
        {
            throw new UsageException($"--target must be IPv4:port, got '{text}'");
        }

        if (!IPAddress.IsLoopback(address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new UsageException($"--target {text}: only IPv4 loopback targets (127.x.x.x) are allowed");
        }

        return new IPEndPoint(address, port);
    }
}
