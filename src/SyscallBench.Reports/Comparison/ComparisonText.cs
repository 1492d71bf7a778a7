using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Comparison;

/// <summary>
/// How the report writes a paired comparison: significance marks from DeLong's Holm-adjusted p-value
/// (* below 0.05, ** below 0.01, *** below 0.001) and the matrix cells' hover text.
/// </summary>
internal static class ComparisonText
{
    public static string Stars(double p) => p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";

    public static string Marks(ComparisonMatrix matrix, int row, int column) => Stars(matrix.At(row, column).Test.DeLongPHolm);

    public static string Hover(ComparisonMatrix matrix, int row, int column)
    {
        var test = matrix.At(row, column).Test;
        var sign = matrix.Sign(row, column);
        var text = $"{matrix.Detectors[row]} - {matrix.Detectors[column]}: {Text.Signed(sign * test.Difference, 4)}<br>"
            + $"DeLong z {Text.Fixed(sign * test.DeLong.Z, 2)}, p {Text.PValue(test.DeLong.PValue)}, Holm p {Text.PValue(test.DeLongPHolm)}";
        if (test.Bootstrap is { } bootstrap)
        {
            var (low, high) = sign > 0 ? (bootstrap.Interval.Lower, bootstrap.Interval.Upper) : (-bootstrap.Interval.Upper, -bootstrap.Interval.Lower);
            text += $"<br>bootstrap {Text.Percent(bootstrap.Interval.Level, 0)} CI [{Text.Signed(low, 4)}, {Text.Signed(high, 4)}], "
                + $"p {Text.PValue(bootstrap.PValue, bootstrap.Resamples)}";
        }

        return text;
    }
}
