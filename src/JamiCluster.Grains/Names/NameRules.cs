using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace JamiCluster.Grains.Names;

/// <summary>
/// The name policy. One canonical form serves registration and lookup: ASCII lowercase by default, or, with
/// <see cref="NamesOptions.AllowUnicode"/>, NFC plus lowercase. A registration must arrive already canonical,
/// because clients verify the signature over the name the server returns.
/// </summary>
public sealed class NameRules(IOptions<NamesOptions> options)
{
    private readonly NamesOptions _options = options.Value;

    /// <summary>The canonical form of a name typed by a user, or null when no valid name has that form.</summary>
    public string? Canonicalize(string input)
    {
        if (input.Length == 0 || input.Length > _options.MaxLength * 4)
        {
            return null;
        }

        string canonical;
        if (_options.AllowUnicode)
        {
            if (!TryNormalize(input, out input))
            {
                return null;
            }

            canonical = input.ToLowerInvariant();
        }
        else
        {
            canonical = AsciiLower(input);
        }

        return IsValid(canonical) ? canonical : null;
    }

    /// <summary>True when <paramref name="name"/> is valid and already in canonical form.</summary>
    public bool IsCanonical(string name) => Canonicalize(name) == name;

    private bool IsValid(string name)
    {
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > _options.MaxLength)
        {
            return false;
        }

        var length = 0;
        var scripts = Script.None;
        foreach (var rune in name.EnumerateRunes())
        {
            length++;
            if (rune.IsAscii)
            {
                var c = (char)rune.Value;
                if (c is (>= 'a' and <= 'z'))
                {
                    scripts |= Script.Latin;
                }
                else if (c is not ((>= '0' and <= '9') or '-' or '_'))
                {
                    return false;
                }

                continue;
            }

            if (!_options.AllowUnicode || !IsAllowedUnicode(rune, length == 1, ref scripts))
            {
                return false;
            }
        }

        // Look-alike letters are the classic way to impersonate a name: refuse names that mix Latin, Greek and Cyrillic.
        var mixed = scripts & (Script.Latin | Script.Greek | Script.Cyrillic);
        return length >= _options.MinLength && (mixed & (mixed - 1)) == 0;
    }

    private static bool IsAllowedUnicode(Rune rune, bool first, ref Script scripts)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.ModifierLetter:
                scripts |= ScriptOf(rune.Value);
                return true;
            case UnicodeCategory.DecimalDigitNumber:
                return true;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
                // Vowel signs and accents that NFC cannot fold in; never as the first character.
                return !first;
            default:
                // Upper case, spaces, punctuation, symbols, and invisible format or control characters.
                return false;
        }
    }

    private static Script ScriptOf(int codePoint) => codePoint switch
    {
        <= 0x024F or (>= 0x1E00 and <= 0x1EFF) or (>= 0x2C60 and <= 0x2C7F) or (>= 0xA720 and <= 0xA7FF) => Script.Latin,
        (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF) => Script.Greek,
        (>= 0x0400 and <= 0x052F) or (>= 0x2DE0 and <= 0x2DFF) or (>= 0xA640 and <= 0xA69F) => Script.Cyrillic,
        _ => Script.Other,
    };

    private static bool TryNormalize(string input, out string normalized)
    {
        try
        {
            normalized = input.IsNormalized(NormalizationForm.FormC) ? input : input.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised.
            normalized = "";
            return false;
        }
    }

    private static string AsciiLower(string input)
    {
        foreach (var c in input)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return string.Create(input.Length, input, static (span, source) =>
                {
                    for (var i = 0; i < source.Length; i++)
                    {
                        var c = source[i];
                        span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
                    }
                });
            }
        }

        return input;
    }

    [Flags]
    private enum Script
    {
        None = 0,
        Latin = 1,
        Greek = 2,
        Cyrillic = 4,
        Other = 8,
    }
}
