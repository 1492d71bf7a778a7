using Stopwatch = System.Diagnostics.Stopwatch;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Ocsvm;
using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Tests.Benchmarks;

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

/// <summary>Where the `ocsvm` detector's time goes, stage by stage (an opt-in benchmark's diagnostic).</summary>
public static class OcsvmStages
{
    /// <summary>
    /// Where the time goes, measured stage by stage on a second, instrumented run: n-gram features of the
    /// training traces (ML.NET fit + transform), the SMO solve, features of the test traces, and the
    /// decision values (parallel over test traces).
    /// </summary>
    public static OcsvmTimeBreakdown Breakdown(LabeledDataset dataset, OcsvmOptions? options = null, int seed = 42)
    {
        options ??= new OcsvmOptions();
        var clock = Stopwatch.StartNew();
        var featurizer = NGramFeaturizer.Fit(dataset.Train, options.FeatureSettings, seed);
        var train = featurizer.TransformMany(dataset.Train);
        var trainFeatures = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var kernel = options.Kernel == KernelType.Linear
            ? SvmKernel.Linear
            : SvmKernel.Rbf(GammaChoice.Resolve(options.Gamma, train, featurizer.FeatureCount));
        var model = OneClassSvmSolver.Fit(train, new OneClassSvmParameters(options.Nu, kernel, options.Tolerance,
            options.CacheSizeMb, options.Shrinking, options.MaxIterations));
        var solve = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var test = featurizer.TransformMany(dataset.Test);
        var testFeatures = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var decisions = new double[test.Length];
        Parallel.For(0, test.Length, i => decisions[i] = model.Decision(test[i]));
        var decide = clock.Elapsed.TotalSeconds;
        return new OcsvmTimeBreakdown(trainFeatures, solve, testFeatures, decide);
    }
}
