using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Ocsvm;
using SyscallBench.MLNet.Pca;

namespace SyscallBench.MLNet.Benchmarks;

/// <summary>
/// Entry points for the `bench` command: fit the `ocsvm` (or `pca`) detector with the given options on the
/// training split and score the test split, timing both; and export the exact feature matrices so that
/// tests/tools/ocsvm_sklearn_timing.py can time scikit-learn's OneClassSVM on identical input.
/// </summary>
public static class OcsvmBenchmark
{
    public static DetectorBenchmarkResult Run(LabeledDataset dataset, OcsvmOptions? options = null, int seed = 42) =>
        Run(new OcsvmDetector("ocsvm", options ?? new OcsvmOptions()), dataset, seed);

    public static DetectorBenchmarkResult RunPca(LabeledDataset dataset, PcaOptions? options = null, int seed = 42) =>
        Run(new PcaDetector("pca", options ?? new PcaOptions()), dataset, seed);

    public static DetectorBenchmarkResult Run(IDetector detector, LabeledDataset dataset, int seed)
    {
        var context = new FitContext(seed);
        var fitClock = Stopwatch.StartNew();
        using var fitted = detector.Fit(dataset.Train, context);
        fitClock.Stop();

        var scoreClock = Stopwatch.StartNew();
        var scores = fitted.ScoreMany(dataset.Test).Select(s => s.Value).ToArray();
        scoreClock.Stop();

        var scored = dataset.Test.Select((t, i) => new ScoredTrace(t.Id, t.Label, t.Family, scores[i])).ToArray();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fitted is FittedOcsvmDetector ocsvm)
        {
            facts["features"] = ocsvm.Featurizer.FeatureCount.ToString(CultureInfo.InvariantCulture);
            facts["support_vectors"] = ocsvm.Model.SupportVectorCount.ToString(CultureInfo.InvariantCulture);
            facts["iterations"] = ocsvm.Model.Iterations.ToString(CultureInfo.InvariantCulture);
            facts["gamma"] = ocsvm.Model.Kernel.Gamma.ToString("R", CultureInfo.InvariantCulture);
            facts["rho"] = ocsvm.Model.Rho.ToString("R", CultureInfo.InvariantCulture);
        }

        return new DetectorBenchmarkResult(
            detector.Name,
            dataset.Name,
            dataset.Train.Count,
            dataset.Train.Sum(t => (long)t.Length),
            dataset.Test.Count,
            dataset.Test.Sum(t => (long)t.Length),
            fitClock.Elapsed.TotalSeconds,
            scoreClock.Elapsed.TotalSeconds,
            RocCurve.Compute(scored, detector.Name).Auc,
            PrecisionRecallCurve.Compute(scored, detector.Name).AveragePrecision,
            scores,
            facts);
    }

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
        var kernel = options.Kernel == Svm.KernelType.Linear
            ? Svm.SvmKernel.Linear
            : Svm.SvmKernel.Rbf(Svm.GammaChoice.Resolve(options.Gamma, train, featurizer.FeatureCount));
        var model = Svm.OneClassSvmSolver.Fit(train, new Svm.OneClassSvmParameters(options.Nu, kernel, options.Tolerance,
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

    /// <summary>
    /// Writes train.svmlight and test.svmlight (label 1 = attack, 0-based feature indices, values with
    /// round-trip precision; with the unseen bucket its column is the last, feature_count − 1), meta.json
    /// (feature_count, options) and, when given, the C# test scores (csharp_scores.txt, one per test line)
    /// and the C# support vectors' training positions (csharp_support.txt) into <paramref name="directory"/>.
    /// </summary>
    public static void ExportFeatures(LabeledDataset dataset, OcsvmOptions options, string directory, IReadOnlyList<double>? csharpScores = null, int seed = 42,
        IReadOnlyList<int>? supportIndices = null)
    {
        Directory.CreateDirectory(directory);
        var featurizer = NGramFeaturizer.Fit(dataset.Train, options.FeatureSettings, seed);
        WriteSvmLight(Path.Combine(directory, "train.svmlight"), dataset.Train, featurizer.TransformMany(dataset.Train));
        WriteSvmLight(Path.Combine(directory, "test.svmlight"), dataset.Test, featurizer.TransformMany(dataset.Test));
        var meta = new
        {
            dataset = dataset.Name,
            feature_count = featurizer.FeatureCount,
            ngram_length = options.NgramLength,
            weighting = options.Weighting.ToString(),
            unseen_ngrams = options.UnseenNgrams.ToString(),
            kernel = options.Kernel.ToString().ToLowerInvariant(),
            nu = options.Nu,
            gamma = options.Gamma,
            tolerance = options.Tolerance,
            cache_size_mb = options.CacheSizeMb,
            shrinking = options.Shrinking,
        };
        File.WriteAllText(Path.Combine(directory, "meta.json"), JsonSerializer.Serialize(meta, new JsonSerializerOptions { WriteIndented = true }));
        if (csharpScores is not null)
        {
            File.WriteAllLines(Path.Combine(directory, "csharp_scores.txt"),
                csharpScores.Select(s => s.ToString("R", CultureInfo.InvariantCulture)));
        }

        if (supportIndices is not null)
        {
            File.WriteAllLines(Path.Combine(directory, "csharp_support.txt"),
                supportIndices.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void WriteSvmLight(string path, IReadOnlyList<Trace> traces, IReadOnlyList<Svm.SparseVector> vectors)
    {
        using var writer = new StreamWriter(path, append: false, Encoding.ASCII);
        for (var i = 0; i < traces.Count; i++)
        {
            var line = new StringBuilder(traces[i].IsAttack ? "1" : "0");
            var vector = vectors[i];
            for (var k = 0; k < vector.NonZeroCount; k++)
            {
                line.Append(' ').Append(vector.Indices[k].ToString(CultureInfo.InvariantCulture))
                    .Append(':').Append(vector.Values[k].ToString("R", CultureInfo.InvariantCulture));
            }

            writer.WriteLine(line.ToString());
        }
    }
}
