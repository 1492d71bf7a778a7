using Microsoft.ML;
using Microsoft.ML.Data;
using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;

namespace SyscallBench.MLNet.Pca;

/// <summary>A fitted `pca` detector: one ML.NET chain (n-gram features → PCA anomaly scorer).</summary>
public sealed class FittedPcaDetector : IFittedDetector
{
    private const string ModelFile = "pca.zip";
    private const string ScoreColumn = "Score";

    private readonly MLContext _ml;
    private readonly ITransformer _chain;
    private readonly DataViewSchema _inputSchema;
    private readonly object _engineLock = new();
    private PredictionEngine<NGramFeaturizer.TraceRow, ScoredRow>? _engine;

    internal FittedPcaDetector(MLContext ml, ITransformer chain, DataViewSchema inputSchema)
    {
        _ml = ml;
        _chain = chain;
        _inputSchema = inputSchema;
    }

    public string Type => PcaDetector.TypeName;

    public TraceScore Score(Trace trace)
    {
        lock (_engineLock)
        {
            _engine ??= _ml.Model.CreatePredictionEngine<NGramFeaturizer.TraceRow, ScoredRow>(_chain, _inputSchema);
            var row = _engine.Predict(NGramFeaturizer.TraceRow.From(trace));
            return new TraceScore(Finite(row.Score, row.Features));
        }
    }

    public IReadOnlyList<TraceScore> ScoreMany(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        var view = _chain.Transform(NGramFeaturizer.ToDataView(_ml, traces));
        var scoreColumn = view.Schema[ScoreColumn];
        var featuresColumn = view.Schema[NGramFeaturizer.FeaturesColumn];
        using var cursor = view.GetRowCursor([scoreColumn, featuresColumn]);
        var scoreGetter = cursor.GetGetter<float>(scoreColumn);
        var featuresGetter = cursor.GetGetter<VBuffer<float>>(featuresColumn);
        var scores = new List<TraceScore>(traces.Count);
        float score = 0;
        var features = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            scoreGetter(ref score);
            featuresGetter(ref features);
            scores.Add(new TraceScore(Finite(score, features)));
        }

        return scores;
    }

    public void Save(string directory) => _ml.Model.Save(_chain, _inputSchema, Path.Combine(directory, ModelFile));

    public static FittedPcaDetector Load(string directory)
    {
        var path = Path.Combine(directory, ModelFile);
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{directory}: not a saved pca detector (no {ModelFile}).");
        }

        var ml = new MLContext(seed: 0);
        NGramTally.Register(ml);
        var chain = ml.Model.Load(path, out var inputSchema);
        return new FittedPcaDetector(ml, chain, inputSchema);
    }

    /// <summary>Releases the cached prediction engine; safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_engineLock)
        {
            _engine?.Dispose();
            _engine = null;
        }
    }

    /// <summary>ML.NET's 0/0 case (x equals the PCA mean): see <see cref="PcaDetector"/> remarks.</summary>
    private static double Finite(float score, in VBuffer<float> features)
    {
        if (float.IsFinite(score))
        {
            return score;
        }

        var allZero = true;
        foreach (var value in features.GetValues())
        {
            if (value != 0)
            {
                allZero = false;
                break;
            }
        }

        return allZero ? 1.0 : 0.0;
    }

    private sealed class ScoredRow
    {
        [ColumnName(NGramFeaturizer.FeaturesColumn)]
        public VBuffer<float> Features { get; set; }

        [ColumnName(ScoreColumn)]
        public float Score { get; set; }
    }
}
