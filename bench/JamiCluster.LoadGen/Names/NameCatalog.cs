using System.Diagnostics;
using System.Globalization;

namespace JamiCluster.LoadGen.Names;

/// <summary>
/// The accounts of one run, the unknown names looked up beside them, and the body each lookup must return.
/// Unknown names are valid and few, so on the silo they cost a grain call that finds nothing, like a real miss.
/// </summary>
public sealed class NameCatalog
{
    public const int UnknownCount = 20;

    /// <summary>The 404 body of a lookup (the silo's and the reference's).</summary>
    public static readonly byte[] NotFoundBody = NameAccount.Json(json => json.WriteString("error", "name not registered"));

    private NameCatalog(IReadOnlyList<NameAccount> accounts, TimeSpan generation)
    {
        Accounts = accounts;
        Generation = generation;
        Bodies = accounts.ToDictionary(a => a.Name, a => a.LookupBody(), StringComparer.Ordinal);
        UnknownNames = Enumerable.Range(1, UnknownCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"bench-nobody-{i:000}")).ToList();
    }

    public IReadOnlyList<NameAccount> Accounts { get; }

    public IReadOnlyList<string> UnknownNames { get; }

    /// <summary>Registered name → the exact lookup body the anchor serves.</summary>
    public IReadOnlyDictionary<string, byte[]> Bodies { get; }

    public TimeSpan Generation { get; }

    /// <summary>Generates <paramref name="count"/> RSA accounts named bench-00001, bench-00002, … on every core.</summary>
    public static NameCatalog Create(int count, int keyBits)
    {
        var started = Stopwatch.GetTimestamp();
        var accounts = new NameAccount[count];
        Parallel.For(0, count, i => accounts[i] = NameAccount.Create(string.Create(CultureInfo.InvariantCulture, $"bench-{i + 1:00000}"), keyBits));
        return new NameCatalog(accounts, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>One lookup body per line: the anchor's input.</summary>
    public void WriteBodies(string path)
    {
        using var file = File.Create(path);
        foreach (var body in Bodies.Values)
        {
            file.Write(body);
            file.WriteByte((byte)'\n');
        }
    }
}
