namespace JamiCluster.Grains.Names;

/// <summary>Jami IDs as clients write them: 40 hex digits, optionally after <c>0x</c>, <c>ring:</c> or <c>jami:</c>.</summary>
public static class NameAddress
{
    /// <summary>The 40 lowercase hex digits, or null when the text is not a non-zero 160-bit address.</summary>
    public static string? Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        foreach (var prefix in (ReadOnlySpan<string>)["ring:", "jami:"])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..];
                break;
            }
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length != 40)
        {
            return null;
        }

        var zero = true;
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }

            zero &= c == '0';
        }

        return zero ? null : string.Create(40, text.ToString(), static (span, s) => s.AsSpan().ToLowerInvariant(span));
    }
}
