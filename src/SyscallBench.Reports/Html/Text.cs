using System.Globalization;
using System.Net;

namespace SyscallBench.Reports.Html;

/// <summary>Escaping and invariant number formatting for the report's HTML.</summary>
internal static class Text
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>0.98765 -> "0.988".</summary>
    public static string Fixed(double value, int decimals = 3) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>0.01234 -> "1.23%"; small rates keep the digits that matter ("0.1%").</summary>
    public static string Percent(double rate, int decimals = 1) =>
        double.IsNaN(rate) ? "n/a" : (rate * 100).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) + "%";

    /// <summary>Seconds with three significant-ish decimals: "0.012 s", "12.35 s".</summary>
    public static string Seconds(TimeSpan time) =>
        time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + " s";

    public static string Integer(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A score or threshold: short, but never rounded to a misleading 0.</summary>
    public static string Score(double value) => value.ToString("G5", CultureInfo.InvariantCulture);
}
