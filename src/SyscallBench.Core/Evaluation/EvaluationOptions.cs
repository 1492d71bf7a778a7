using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;

namespace SyscallBench.Core.Evaluation;

/// <summary>The experiment config's <c>evaluation:</c> section: operating points and bootstrap settings.</summary>
public sealed class EvaluationOptions : IOptions
{
    [Description("False-alarm rates (fractions of normal test traces) at which detection rates are reported; thresholds come from normal scores only.")]
    public double[] FalseAlarmRates { get; init; } = [0.001, 0.01, 0.05, 0.1];

    [Description("Detection rate at which the ROC curve is read for the false-alarm rate (\"false-alarm rate at 90% detection\").")]
    public double DetectionRate { get; init; } = 0.9;

    /// <summary>Most bootstrap resamples accepted.</summary>
    public const int MaxBootstrapResamples = 100_000;

    [Description("Bootstrap resamples for the ROC AUC and average precision confidence intervals (at most 100,000); 0 disables them.")]
    public int BootstrapResamples { get; init; } = 1000;

    [Description("Coverage of the percentile bootstrap confidence intervals.")]
    public double ConfidenceLevel { get; init; } = 0.95;

    [Description("Seed of the bootstrap's random generator; the same seed gives the same intervals.")]
    public int BootstrapSeed { get; init; } = 12345;

    [Description("What the bootstrap resamples: auto (groups of identical test traces when the test set has any, single traces otherwise), trace, or cluster. Applies to the intervals and the paired bootstrap.")]
    public BootstrapUnit Bootstrap { get; init; } = BootstrapUnit.Auto;

    /// <summary>The names <see cref="TestSet"/> accepts, in <see cref="TestSetProtocol"/> order.</summary>
    public static IReadOnlyList<string> TestSetNames { get; } = ["all", "without_train_copies", "distinct"];

    [Description("Which test traces are evaluated: all (the literature's protocol), without_train_copies (drop test traces identical to a training trace), distinct (also drop sequences with both labels, keep one copy of each sequence per label). A list evaluates each, side by side; the first is the main table's.")]
    public string[] TestSet { get; init; } = ["all"];

    /// <summary><see cref="TestSet"/> parsed, in the order given (valid options only).</summary>
    public IReadOnlyList<TestSetProtocol> TestSets =>
        TestSet.Select(name => (TestSetProtocol)TestSetNames.ToList().IndexOf(name)).ToArray();

    public IEnumerable<OptionError> Validate()
    {
        if (FalseAlarmRates.Length == 0)
        {
            yield return new OptionError(nameof(FalseAlarmRates), "must list at least one false-alarm rate");
        }

        for (var i = 0; i < FalseAlarmRates.Length; i++)
        {
            if (!IsOpenUnitInterval(FalseAlarmRates[i]))
            {
                yield return new OptionError(nameof(FalseAlarmRates),
                    $"item {i + 1}: must be between 0 and 1 (exclusive), got {Format(FalseAlarmRates[i])}");
            }
        }

        if (!IsOpenUnitInterval(DetectionRate))
        {
            yield return new OptionError(nameof(DetectionRate), $"must be between 0 and 1 (exclusive), got {Format(DetectionRate)}");
        }

        if (BootstrapResamples < 0)
        {
            yield return new OptionError(nameof(BootstrapResamples),
                $"must be at least 0 (0 disables confidence intervals), got {BootstrapResamples.ToString(CultureInfo.InvariantCulture)}");
        }
        else if (BootstrapResamples > MaxBootstrapResamples)
        {
            // Each resample ranks every test score again for each detector and pair of detectors: a typo such as
            // 10000000 ran for hours with no progress shown.
            yield return new OptionError(nameof(BootstrapResamples),
                $"must be at most {MaxBootstrapResamples.ToString("N0", CultureInfo.InvariantCulture)} (the intervals' last digit settles long before), "
                + $"got {BootstrapResamples.ToString(CultureInfo.InvariantCulture)}");
        }

        if (TestSet.Length == 0)
        {
            yield return new OptionError(nameof(TestSet), "must name at least one test set (all, without_train_copies, distinct)");
        }

        foreach (var name in TestSet.Where(n => !TestSetNames.Contains(n)))
        {
            yield return new OptionError(nameof(TestSet), $"unknown test set '{name}'; expected one of {string.Join(", ", TestSetNames)}");
        }

        foreach (var name in TestSet.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return new OptionError(nameof(TestSet), $"lists '{name}' twice");
        }

        if (!IsOpenUnitInterval(ConfidenceLevel))
        {
            yield return new OptionError(nameof(ConfidenceLevel), $"must be between 0 and 1 (exclusive), got {Format(ConfidenceLevel)}");
        }
    }

    // Written so that NaN fails too.
    private static bool IsOpenUnitInterval(double value) => value > 0 && value < 1;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
