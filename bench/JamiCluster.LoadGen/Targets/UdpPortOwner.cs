using System.Globalization;

namespace JamiCluster.LoadGen.Targets;

/// <summary>
/// Finds which process in a started process tree owns a UDP port, so RSS is read from the real server
/// even when the user's command is a wrapper (a script, <c>dotnet run</c>, …) rather than the server.
/// Uses /proc/net/udp{,6} (port → socket inode) and /proc/PID/fd (inode → process).
/// </summary>
public static class UdpPortOwner
{
    public static int? Find(int rootPid, int port)
    {
        var inodes = SocketInodes(port);
        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var pid in TreeOf(rootPid))
        {
            if (OwnsAny(pid, inodes))
            {
                return pid;
            }
        }

        return null;
    }

    private static HashSet<string> SocketInodes(int port)
    {
        var wanted = port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // fields[1] = local "ADDR:PORT" in hex, fields[9] = inode
                if (fields.Length > 9 && fields[1].EndsWith(":" + wanted, StringComparison.Ordinal))
                {
                    inodes.Add($"socket:[{fields[9]}]");
                }
            }
        }

        return inodes;
    }

    /// <summary>The root first, then its descendants (breadth-first), from the ppid field of /proc/*/stat.</summary>
    private static List<int> TreeOf(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                ProcFs.ParentPid(pid) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    list = [];
                    children[parent] = list;
                }

                list.Add(pid);
            }
        }

        var order = new List<int> { rootPid };
        for (var i = 0; i < order.Count; i++)
        {
            if (children.TryGetValue(order[i], out var list))
            {
                order.AddRange(list);
            }
        }

        return order;
    }

    private static bool OwnsAny(int pid, HashSet<string> inodes)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && inodes.Contains(target))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // process gone or not ours
        }

        return false;
    }
}
