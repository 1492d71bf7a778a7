using System.Globalization;
using System.Net;
using SyscallBench.Core.Evaluation;

namespace SyscallBench.Reports.Html;

/// <summary>Escaping and invariant number formatting for the report's HTML.</summary>
internal static class Text
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// A name shown inside a Plotly chart (a legend entry, a category, a hover text) as plain text. Plotly reads
    /// a small set of HTML tags in these strings (&lt;a href&gt;, &lt;b&gt;, &lt;br&gt;) and decodes entities after
    /// finding the tags, so a family named '&lt;a href="..."&gt;' became a clickable link; with &amp;, &lt; and &gt;
    /// written as entities it shows as written.
    /// </summary>
    public static string Plotly(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>0.98765 -> "0.988".</summary>
    public static string Fixed(double value, int decimals = 3) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A difference with its sign always shown: "+0.012", "-0.004".</summary>
    public static string Signed(double value, int decimals = 3) =>
        (value > 0 ? "+" : "") + Fixed(value, decimals);

    /// <summary>A p-value: "0.032", "4.1e-06", "&lt; 0.001" for a bootstrap p of 0 with 1,000 resamples.</summary>
    public static string PValue(double p, int? resamples = null)
    {
        if (double.IsNaN(p))
        {
            return "n/a";
        }

        if (resamples is { } count && p == 0)
        {
            return "< " + (1.0 / count).ToString("G2", CultureInfo.InvariantCulture);
        }

        return p >= 0.001 ? p.ToString("0.000", CultureInfo.InvariantCulture) : p.ToString("0.0e+00", CultureInfo.InvariantCulture);
    }

    /// <summary>0.01234 -> "1.2%"; a non-zero rate never shows as "0%" (see <see cref="PercentText.Of"/>).</summary>
    public static string Percent(double rate, int decimals = 1) => PercentText.Of(rate, decimals);

    /// <summary>Seconds with three significant-ish decimals: "0.012 s", "12.35 s".</summary>
    public static string Seconds(TimeSpan time) =>
        time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + " s";

    public static string Integer(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A score or threshold: short, but never rounded to a misleading 0.</summary>
    public static string Score(double value) => value.ToString("G5", CultureInfo.InvariantCulture);
}
