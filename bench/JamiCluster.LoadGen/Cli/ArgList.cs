using System.Globalization;

namespace JamiCluster.LoadGen.Cli;

/// <summary>
/// Minimal "--name value" / "--flag" parser. Hand-written so the tool needs no extra package;
/// every option must be consumed, so a typo fails loudly instead of silently running defaults.
/// </summary>
public sealed class ArgList
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

    public ArgList(IReadOnlyList<string> args, IReadOnlySet<string> booleanFlags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length < 3)
            {
                throw new UsageException($"unexpected argument '{token}'");
            }

            var name = token[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                Add(name[..eq], name[(eq + 1)..]);
                continue;
            }

            if (booleanFlags.Contains(name))
            {
                _flags.Add(name);
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"option --{name} needs a value");
            }

            Add(name, args[++i]);
        }
    }

    public bool Flag(string name)
    {
        _consumed.Add(name);
        return _flags.Contains(name);
    }

    public string? String(string name)
    {
        _consumed.Add(name);
        return _values.TryGetValue(name, out var list) ? list[^1] : null;
    }

    public IReadOnlyList<string> All(string name)
    {
        _consumed.Add(name);
        return _values.TryGetValue(name, out var list) ? list : [];
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be an integer in [{min}, {max}], got '{text}'");
        }

        return value;
    }

    public double Double(string name, double fallback, double min, double max)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a number in [{min}, {max}], got '{text}'");
        }

        return value;
    }

    /// <summary>Throws if the user passed an option that no part of the command read.</summary>
    public void EnsureAllConsumed()
    {
        var unknown = _values.Keys.Concat(_flags).Where(k => !_consumed.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            list = [];
            _values[name] = list;
        }

        list.Add(value);
    }
}
