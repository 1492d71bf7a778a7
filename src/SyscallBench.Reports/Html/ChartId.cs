using System.Security.Cryptography;
using System.Text;

namespace SyscallBench.Reports.Html;

/// <summary>
/// A chart's id: "chart-", then what it shows (its section, then detector, seed, trace...), as text that is safe in a file name.
/// `--figures` names each figure file after its chart's id, so an id says what the chart shows and is the same in every run of
/// the experiment (never a position on the page or a colour index).
/// </summary>
internal static class ChartId
{
    /// <summary>Ids longer than this end in a hash of the full text instead (file names stop at 255 bytes; trace ids can be paths).</summary>
    public const int MaxLength = 150;

    /// <summary>"chart-scores-stide-6-seed-2-resplit-1" from ("scores", "stide-6@seed=2 [resplit-1]"), a detector's label.</summary>
    public static string Of(params string[] parts)
    {
        var id = "chart-" + string.Join("-", parts.Select(Slug).Where(p => p.Length > 0));
        if (id.Length <= MaxLength)
        {
            return id;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..12];
        return id[..(MaxLength - hash.Length - 1)].TrimEnd('-', '.') + "-" + hash;
    }

    /// <summary>Lower-case letters, digits, '.' and '_' kept; every other run of characters becomes one '-'; no '-' or '.' at either end.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-', '.');
    }
}
