using System.Globalization;
using System.Text;
using System.Text.Json;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Ocsvm;
using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Tests.Benchmarks;

/// <summary>
/// Exports the exact feature matrices the <c>ocsvm</c> detector fits and scores, so that
/// tests/tools/ocsvm_sklearn_timing.py can time scikit-learn's OneClassSVM on identical input
/// (<see cref="SklearnComparison"/>).
/// </summary>
public static class OcsvmFeatureExport
{
    /// <summary>
    /// Writes train.svmlight and test.svmlight (label 1 = attack, 0-based feature indices, values with
    /// round-trip precision; with the unseen bucket its column is the last, feature_count − 1), meta.json
    /// (feature_count, options) and, when given, the C# test scores (csharp_scores.txt, one per test line)
    /// and the C# support vectors' training positions (csharp_support.txt) into <paramref name="directory"/>.
    /// </summary>
    public static void Write(LabeledDataset dataset, OcsvmOptions options, string directory, IReadOnlyList<double>? csharpScores = null, int seed = 42,
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

    private static void WriteSvmLight(string path, IReadOnlyList<Trace> traces, IReadOnlyList<SparseVector> vectors)
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
