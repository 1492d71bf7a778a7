namespace SyscallBench.MLNet.Benchmarks;

/// <summary>Seconds spent in each stage of fitting and scoring the `ocsvm` detector.</summary>
/// <param name="TrainFeatureSeconds">ML.NET n-gram featurizer fit plus transform of the training traces.</param>
/// <param name="SolveSeconds">Gamma resolution plus the SMO solve.</param>
/// <param name="TestFeatureSeconds">Transform of the test traces.</param>
/// <param name="DecisionSeconds">Decision values of the test traces (parallel).</param>
public sealed record OcsvmTimeBreakdown(double TrainFeatureSeconds, double SolveSeconds, double TestFeatureSeconds, double DecisionSeconds)
{
    public override string ToString() => FormattableString.Invariant(
        $"train features {TrainFeatureSeconds:F2} s, solve {SolveSeconds:F2} s, test features {TestFeatureSeconds:F2} s, decisions {DecisionSeconds:F2} s");
}
