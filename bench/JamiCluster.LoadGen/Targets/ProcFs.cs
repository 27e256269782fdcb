using System.Globalization;

namespace JamiCluster.LoadGen.Targets;

/// <summary>Linux /proc readers for the target's memory and CPU; the benchmark is Linux-only.</summary>
public static class ProcFs
{
    /// <summary>USER_HZ; 100 on every Linux ABI .NET runs on, and /proc/PID/stat counts in it.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>Resident set size in bytes (VmRSS), or null if the process is gone.</summary>
    public static long? RssBytes(int pid) => StatusKb(pid, "VmRSS:") * 1024;

    /// <summary>Peak resident set size in bytes (VmHWM).</summary>
    public static long? PeakRssBytes(int pid) => StatusKb(pid, "VmHWM:") * 1024;

    /// <summary>User + system CPU seconds consumed by all threads of the process.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name, which may itself contain spaces.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(rest[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(rest[12], CultureInfo.InvariantCulture);
            return (utime + stime) / ClockTicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static int? ParentPid(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long? StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var digits = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // process exited
        }

        return null;
    }
}
