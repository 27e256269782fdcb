namespace JamiCluster.Grains.Names;

/// <summary>What an import did, line by line.</summary>
public sealed class ImportReport
{
    /// <summary>Most problems listed in <see cref="Problems"/>.</summary>
    public const int MaxProblems = 100;

    /// <summary>Records stored.</summary>
    public int Imported { get; set; }

    /// <summary>Records already present and identical in effect.</summary>
    public int Unchanged { get; set; }

    /// <summary>Records refused because the name or address is held by another record.</summary>
    public int Conflicts { get; set; }

    /// <summary>Lines that are not a valid record (bad JSON, bad name, signature that does not verify, ...).</summary>
    public int Invalid { get; set; }

    /// <summary>The first problems, each as "line N: what".</summary>
    public List<string> Problems { get; } = [];

    internal void Problem(int line, string what)
    {
        if (Problems.Count < MaxProblems)
        {
            Problems.Add($"line {line}: {what}");
        }
    }
}
