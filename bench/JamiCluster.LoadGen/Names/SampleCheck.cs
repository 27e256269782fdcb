namespace JamiCluster.LoadGen.Names;

/// <summary>How many sampled lookups came back right, and how many of those byte-for-byte like the anchor's body.</summary>
public sealed class SampleCheck
{
    private readonly List<string> _wrong = [];

    public int Checked { get; private set; }

    public int Right { get; private set; }

    public int Identical { get; private set; }

    public bool Passed => Right == Checked;

    public void Add(bool right, bool identical, string what)
    {
        Checked++;
        Right += right ? 1 : 0;
        Identical += identical ? 1 : 0;
        if (!right && _wrong.Count < 5)
        {
            _wrong.Add(what);
        }
    }

    public override string ToString() =>
        $"{Right}/{Checked} answers right ({Identical} byte-identical to the anchor's body)" +
        (_wrong.Count > 0 ? "; wrong: " + string.Join(", ", _wrong) : string.Empty);
}
