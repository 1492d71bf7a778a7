using System.Globalization;

namespace SyscallBench.Core.Evaluation;

/// <summary>Rates as people read them ("1.2%"), the same in the report, the verdict and metrics.json's criteria.</summary>
public static class PercentText
{
    /// <summary>
    /// 0.01234 -> "1.2%" (one decimal by default). A non-zero rate that would round to "0%" keeps two
    /// significant digits instead ("0.0028%"), so a rare event is never shown as none.
    /// </summary>
    public static string Of(double rate, int decimals = 1)
    {
        if (double.IsNaN(rate))
        {
            return "n/a";
        }

        var percent = rate * 100;
        var rounded = percent.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        if (percent != 0 && (rounded == "0" || rounded == "-0"))
        {
            rounded = percent.ToString("G2", CultureInfo.InvariantCulture);
        }

        return rounded + "%";
    }
}
