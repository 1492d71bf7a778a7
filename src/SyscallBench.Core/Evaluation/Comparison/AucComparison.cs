namespace SyscallBench.Core.Evaluation.Comparison;

/// <summary>Paired tests of detector A's ROC AUC against detector B's on the same test traces.</summary>
/// <param name="DetectorA">First detector (the difference is A minus B).</param>
/// <param name="DetectorB">Second detector.</param>
/// <param name="AucA">A's ROC AUC (sklearn's roc_auc_score).</param>
/// <param name="AucB">B's ROC AUC.</param>
/// <param name="DeLong">DeLong's test of the difference.</param>
/// <param name="DeLongPHolm">DeLong's p-value, Holm-adjusted over all pairs compared together.</param>
/// <param name="Bootstrap">Paired stratified bootstrap of the difference; null when bootstrapping is off.</param>
/// <param name="BootstrapPHolm">The bootstrap p-value, Holm-adjusted over the same pairs; null when bootstrapping is off.</param>
public sealed record AucComparison(
    string DetectorA,
    string DetectorB,
    double AucA,
    double AucB,
    DeLongResult DeLong,
    double DeLongPHolm,
    BootstrapDifference? Bootstrap,
    double? BootstrapPHolm)
{
    public double Difference => AucA - AucB;

    /// <summary>
    /// What the paired bootstrap resampled: single traces, or clusters of identical traces (never Auto). DeLong's
    /// test assumes independent traces either way.
    /// </summary>
    public BootstrapUnit BootstrapUnit { get; init; } = BootstrapUnit.Trace;
}

/// <summary>The paired stratified bootstrap of an AUC difference.</summary>
/// <param name="Interval">Percentile interval of the resampled differences (A minus B).</param>
/// <param name="PValue">Two-sided: 2 * min(share of resampled differences &lt;= 0, share &gt;= 0), at most 1.
/// It is below 1 - level exactly when the percentile interval at that level excludes 0 (up to interpolation);
/// its resolution is 2 / resamples, and 0 means "below 1 / resamples".</param>
/// <param name="Resamples">Number of resamples.</param>
public sealed record BootstrapDifference(ConfidenceInterval Interval, double PValue, int Resamples);
