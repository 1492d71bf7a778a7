using SyscallBench.Core.DataExport;
using SyscallBench.Core.Traces;

namespace SyscallBench.MLNet.Features;

/// <summary>
/// The n-gram feature matrices exactly as the `ocsvm` and `pca` detectors fit and score them: the featurizer
/// fitted on the training sequences with the detector's settings and seed, then every training and test
/// sequence transformed by it (the same <see cref="NGramFeaturizer.TransformMany"/> the detectors call).
/// </summary>
public static class FeatureMatrices
{
    /// <summary>The train and test tables and the featurizer's feature count.</summary>
    public static (FeatureTable Train, FeatureTable Test) Build(LabeledDataset dataset, NGramFeatureSettings settings, int seed, string relation,
        CancellationToken cancellation = default)
    {
        // The sequences the runner fits on and scores (a recording's streams; a plain trace as it is).
        var train = DetectorSequences.Of(dataset.Train);
        var test = DetectorSequences.Of(dataset.Test);
        using var featurizer = NGramFeaturizer.Fit(train, settings, seed);
        var slots = featurizer.SlotNames();
        var families = dataset.Train.Concat(dataset.Test).Select(t => t.Family).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return (Table(featurizer, train, "train", slots, families, relation, cancellation),
            Table(featurizer, test, "test", slots, families, relation, cancellation));
    }

    private static FeatureTable Table(NGramFeaturizer featurizer, IReadOnlyList<Trace> traces, string split, IReadOnlyList<string> slots,
        IReadOnlyList<string> families, string relation, CancellationToken cancellation)
    {
        var vectors = featurizer.TransformMany(traces, cancellation);
        var rows = traces.Select((t, i) => new FeatureRow(ExportedTrace.Of(t, split), vectors[i].Indices.ToArray(), vectors[i].Values.ToArray())).ToArray();
        return new FeatureTable($"{relation}-{split}", slots, rows, families);
    }
}
