namespace JamiCluster.LoadGen.Targets;

/// <summary>
/// The machine's 1-minute load average. Printed with every result because the benchmark box is small
/// and shared: a busy neighbour changes the numbers more than most code changes.
/// </summary>
public static class HostLoad
{
    /// <summary>1-minute load average as printed by the kernel, or "?".</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
