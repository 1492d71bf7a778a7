using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;
using SyscallBench.Core;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Features;

/// <summary>
/// Per-trace bag of n-grams (lengths 1..n) built with ML.NET transforms, fitted on training normals only:
/// MapValueToKey (syscall tokens → keys) → ProduceNgrams (counts, or tf-idf) → [Expression x → x &gt; 0 ? 1 : 0
/// for binary] → NormalizeLpNorm (L2, no centring).
/// </summary>
/// <remarks>
/// <para>The n-gram dictionary and the idf weights come from the training traces only. At test time a
/// syscall never seen in training maps to ML.NET's missing key, which breaks n-grams (no n-gram spans
/// it), and n-grams never seen in training have no slot: both are dropped. So a trace made only of unseen
/// material, an empty trace, or a trace all of whose n-grams are unseen becomes the all-zero vector (L2
/// normalisation leaves it at zero). Traces shorter than n still contribute their shorter n-grams.</para>
/// <para>Features are float32 in ML.NET and converted to double for the SVM.</para>
/// </remarks>
public sealed class NGramFeaturizer : IDisposable
{
    public const string FeaturesColumn = "Features";
    private const string TokensColumn = "Tokens";
    private const string KeysColumn = "Keys";
    private const string CountsColumn = "Counts";
    private const string BinaryColumn = "Binary";

    private readonly object _engineLock = new();
    private PredictionEngine<TraceRow, FeatureRow>? _engine;

    private NGramFeaturizer(MLContext ml, ITransformer transformer, DataViewSchema inputSchema)
    {
        Ml = ml;
        Transformer = transformer;
        InputSchema = inputSchema;
        var featuresType = transformer.GetOutputSchema(inputSchema)[FeaturesColumn].Type as VectorDataViewType
            ?? throw new InvalidOperationException("The feature pipeline did not produce a vector column.");
        FeatureCount = featuresType.Size;
    }

    public MLContext Ml { get; }

    /// <summary>The fitted ML.NET chain: trace rows in, <see cref="FeaturesColumn"/> out.</summary>
    public ITransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    /// <summary>Number of distinct n-grams kept from training (the feature dimension).</summary>
    public int FeatureCount { get; }

    /// <summary>The ML.NET estimator chain for <paramref name="settings"/> (unfitted).</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext ml, NGramFeatureSettings settings)
    {
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion
            .MapValueToKey(KeysColumn, TokensColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.ProduceNgrams(CountsColumn, KeysColumn,
                ngramLength: settings.MaxLength,
                skipLength: 0,
                useAllLengths: true,
                weighting: settings.Weighting == NGramWeighting.TfIdf
                    ? NgramExtractingEstimator.WeightingCriteria.TfIdf
                    : NgramExtractingEstimator.WeightingCriteria.Tf));
        var normaliseFrom = CountsColumn;
        if (settings.Weighting == NGramWeighting.Binary)
        {
            pipeline = pipeline.Append(ml.Transforms.Expression(BinaryColumn, "x : x > 0 ? 1.0f : 0.0f", CountsColumn));
            normaliseFrom = BinaryColumn;
        }

        return pipeline.Append(ml.Transforms.NormalizeLpNorm(FeaturesColumn, normaliseFrom,
            norm: LpNormNormalizingEstimatorBase.NormFunction.L2, ensureZeroMean: false));
    }

    /// <summary>Learns the n-gram dictionary (and idf) from normal training traces.</summary>
    /// <exception cref="SyscallBenchException">No training trace yields any n-gram.</exception>
    public static NGramFeaturizer Fit(IReadOnlyList<Trace> trainingTraces, NGramFeatureSettings settings, int seed)
    {
        if (settings.MaxLength is < 1 or > NGramFeatureSettings.MaxSupportedLength)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), $"n-gram length must be in 1..{NGramFeatureSettings.MaxSupportedLength}, got {settings.MaxLength}.");
        }

        if (trainingTraces.Count == 0)
        {
            throw new SyscallBenchException("The n-gram features need at least one training trace; got none.");
        }

        if (trainingTraces.All(t => t.Length == 0))
        {
            throw new SyscallBenchException(
                $"The {trainingTraces.Count} training trace(s) contain no system calls, so there are no n-gram features to learn from.");
        }

        var ml = new MLContext(seed);
        var data = ToDataView(ml, trainingTraces);
        var transformer = BuildPipeline(ml, settings).Fit(data);
        return new NGramFeaturizer(ml, transformer, data.Schema);
    }

    /// <summary>Trace rows as ML.NET sees them: one token per call, the syscall number as text.</summary>
    public static IDataView ToDataView(MLContext ml, IEnumerable<Trace> traces) =>
        ml.Data.LoadFromEnumerable(traces.Select(TraceRow.From));

    /// <summary>The feature vector of one trace. Thread-safe (serialised on one prediction engine).</summary>
    public SparseVector Transform(Trace trace)
    {
        lock (_engineLock)
        {
            _engine ??= Ml.Model.CreatePredictionEngine<TraceRow, FeatureRow>(Transformer, InputSchema);
            var row = _engine.Predict(TraceRow.From(trace));
            return ToSparse(row.Features);
        }
    }

    /// <summary>Feature vectors of many traces in one streaming pass, in input order.</summary>
    public SparseVector[] TransformMany(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        var result = new SparseVector[traces.Count];
        var view = Transformer.Transform(ToDataView(Ml, traces));
        using var cursor = view.GetRowCursor([view.Schema[FeaturesColumn]]);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[FeaturesColumn]);
        var buffer = default(VBuffer<float>);
        var i = 0;
        while (cursor.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            getter(ref buffer);
            result[i++] = ToSparse(buffer);
        }

        return result;
    }

    public void Save(string path) => Ml.Model.Save(Transformer, InputSchema, path);

    public static NGramFeaturizer Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{path}: saved n-gram featurizer not found.");
        }

        var ml = new MLContext(seed: 0);
        var transformer = ml.Model.Load(path, out var inputSchema);
        return new NGramFeaturizer(ml, transformer, inputSchema);
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

    /// <summary>ML.NET's (possibly sparse) float vector as an ascending sparse double vector.</summary>
    public static SparseVector ToSparse(in VBuffer<float> buffer)
    {
        var values = buffer.GetValues();
        if (buffer.IsDense)
        {
            var dense = new double[values.Length];
            for (var k = 0; k < values.Length; k++)
            {
                dense[k] = values[k];
            }

            return SparseVector.FromDense(dense);
        }

        var indices = buffer.GetIndices();
        var keptIndices = new List<int>(indices.Length);
        var keptValues = new List<double>(indices.Length);
        for (var k = 0; k < indices.Length; k++)
        {
            if (values[k] != 0)
            {
                keptIndices.Add(indices[k]);
                keptValues.Add(values[k]);
            }
        }

        return new SparseVector(keptIndices.ToArray(), keptValues.ToArray());
    }

    /// <summary>ML.NET input row: the trace's syscall numbers as tokens.</summary>
    public sealed class TraceRow
    {
        [VectorType]
        public string[] Tokens { get; set; } = [];

        public static TraceRow From(Trace trace) =>
            new() { Tokens = trace.Calls.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray() };
    }

    /// <summary>ML.NET output row.</summary>
    public sealed class FeatureRow
    {
        [ColumnName(FeaturesColumn)]
        public VBuffer<float> Features { get; set; }
    }
}
