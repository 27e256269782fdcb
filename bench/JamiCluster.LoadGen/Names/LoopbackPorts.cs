using System.Net;
using System.Net.Sockets;

namespace JamiCluster.LoadGen.Names;

/// <summary>Free ports on 127.0.0.1 for the processes the names benchmark starts, so it never collides with a test's silo.</summary>
public static class LoopbackPorts
{
    /// <summary>A TCP port the kernel just handed out (and we released).</summary>
    public static int FreeTcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first of <paramref name="count"/> consecutive free UDP ports (the silo's DHT heads use BasePort + i).</summary>
    public static int FreeUdpRange(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(first, count).All(IsUdpFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"found no {count} consecutive free UDP ports on 127.0.0.1");
    }

    private static bool IsUdpFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
