namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>Picks runs of free loopback ports (UDP and TCP) so parallel test classes and stray processes do not collide.</summary>
internal static class FreePorts
{
    private static int s_next = 20000 + (Environment.ProcessId % 200 * 100);

    /// <summary>A base port such that <paramref name="count"/> consecutive ports are free for UDP and TCP.</summary>
    public static int Reserve(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Interlocked.Add(ref s_next, count + 1) - count - 1;
            if (start + count >= 60000)
            {
                Interlocked.Exchange(ref s_next, 20000);
                continue;
            }

            if (AllFree(start, count))
            {
                return start;
            }
        }

        throw new InvalidOperationException("No free port range found.");
    }

    private static bool AllFree(int start, int count)
    {
        for (var port = start; port < start + count; port++)
        {
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
