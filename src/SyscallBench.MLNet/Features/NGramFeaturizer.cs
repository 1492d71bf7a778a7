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
/// for binary] → [Concatenate the unseen-n-gram bucket] → NormalizeLpNorm (L2, no centring).
/// </summary>
/// <remarks>
/// <para>The n-gram vocabulary and the idf weights come from the training traces only. At test time a
/// syscall never seen in training maps to ML.NET's missing key, which breaks n-grams (no vocabulary
/// n-gram spans it), and n-grams never seen in training have no vocabulary slot.</para>
/// <para><b>Unseen-n-gram bucket</b> (<see cref="UnseenNGramHandling.Bucket"/>, the default): one extra
/// feature, the last slot (index <see cref="VocabularySize"/>), holds the trace's n-gram occurrences of any
/// length 1..n that are not in the vocabulary (including every n-gram that contains a never-seen syscall):
/// unseen = total(L) − seen, where seen is the sum of the trace's raw vocabulary counts and
/// total(L) = Σ_{k=1..n} max(0, L − k + 1) is every n-gram occurrence of a trace of L calls, which is how
/// ProduceNgrams enumerates them (contiguous, no padding; a trace shorter than n yields only its shorter
/// n-grams, L(L+1)/2 in all). One bucket for all lengths rather than one per length: the vocabulary slots
/// already pool every length in one bag, so with tf the vocabulary counts plus the bucket add up to total(L)
/// exactly; and per-length buckets would be near-collinear (one foreign call makes 1 unseen unigram, up
/// to 2 unseen bigrams, ... at once). The bucket is weighted like the other slots, before the L2 norm:
/// tf: the raw count; binary: 1 if any n-gram is unseen; tf-idf: count × ln(N + 1), the idf of an n-gram in
/// none of the N training traces under ML.NET's ln(N / df) once one pseudo-trace containing every n-gram
/// is added (the smoothing scikit-learn's smooth_idf applies; here to the bucket only, the vocabulary slots
/// keep ML.NET's unsmoothed idf); it is above every vocabulary idf (at most ln N) and positive even for N = 1. Every training trace has 0 in the bucket by construction (its n-grams
/// are the vocabulary; this would only fail if the vocabulary hit ProduceNgrams' 10^7-per-length cap), so an
/// all-unseen trace becomes the unit vector along the bucket axis, orthogonal to every training vector,
/// and a partly unseen trace tilts toward it. With <see cref="UnseenNGramHandling.Drop"/> unseen n-grams
/// are ignored and an all-unseen trace becomes the all-zero vector, like an empty one.</para>
/// <para>An empty trace has no n-grams at all, seen or unseen: its vector is all zero in both modes (L2
/// normalisation leaves it at zero); each detector documents the score that gives.</para>
/// <para>How the bucket is computed inside the saved ML.NET chain: L is an input column
/// (<see cref="TraceRow.CallCount"/>), seen comes from <see cref="NGramTally"/> (a registered CustomMapping:
/// ML.NET has no transform that sums a vector), and an Expression with n and the idf written in as literals
/// gives the weighted bucket, concatenated after the vocabulary slots. ML.NET row getters do not cache,
/// and two stages read the counts (the slots and the tally), so the chain would extract every trace's
/// n-grams twice; <see cref="TransformMany"/> therefore runs the chain in two parts with ML.NET's data
/// cache between them, so each trace's n-grams are extracted once. The
/// saved chain is unchanged; the one-trace <see cref="Transform"/> (a prediction engine) still extracts
/// twice.</para>
/// <para>Features are float32 in ML.NET and converted to double for the SVM; the tally and the bucket are
/// exact in float32 for traces of fewer than 2^24 / n calls.</para>
/// </remarks>
public sealed class NGramFeaturizer : IDisposable
{
    public const string FeaturesColumn = "Features";
    private const string TokensColumn = "Tokens";
    private const string KeysColumn = "Keys";
    private const string RawCountsColumn = "RawCounts";
    private const string WeightedCountsColumn = "Counts";
    private const string BinaryColumn = "Binary";
    private const string CallCountColumn = nameof(TraceRow.CallCount);
    private const string InVocabularyCountColumn = nameof(NGramTally.Output.InVocabularyCount);
    private const string UnseenColumn = "Unseen";
    private const string AugmentedColumn = "Augmented";

    private readonly object _engineLock = new();

    /// <summary>The fitted chain's transformers in order (Append nests chains; loading keeps the nesting).</summary>
    private readonly ITransformer[] _stages;

    /// <summary>
    /// How many of <see cref="_stages"/> produce the n-gram counts (token keys, then ProduceNgrams); the
    /// later stages read them. <see cref="TransformMany"/> caches the counts between the two parts.
    /// </summary>
    private readonly int _countStageCount;
    private PredictionEngine<TraceRow, FeatureRow>? _engine;

    private NGramFeaturizer(MLContext ml, ITransformer transformer, DataViewSchema inputSchema)
    {
        Ml = ml;
        Transformer = transformer;
        InputSchema = inputSchema;
        var outputSchema = transformer.GetOutputSchema(inputSchema);
        var featuresType = outputSchema[FeaturesColumn].Type as VectorDataViewType
            ?? throw new InvalidOperationException("The feature pipeline did not produce a vector column.");
        FeatureCount = featuresType.Size;
        HasUnseenBucket = outputSchema.GetColumnOrNull(UnseenColumn) is not null;
        _stages = Flatten(transformer).ToArray();
        _countStageCount = Array.FindLastIndex(_stages, t => t is NgramExtractingTransformer) + 1;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    public MLContext Ml { get; }

    /// <summary>The fitted ML.NET chain: trace rows in, <see cref="FeaturesColumn"/> out.</summary>
    public ITransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    /// <summary>The feature dimension: the distinct n-grams kept from training, plus the unseen bucket if any.</summary>
    public int FeatureCount { get; }

    /// <summary>Whether the last feature is the unseen-n-gram bucket (<see cref="UnseenNGramHandling.Bucket"/>).</summary>
    public bool HasUnseenBucket { get; }

    /// <summary>Distinct n-grams kept from training (the slots 0..VocabularySize−1).</summary>
    public int VocabularySize => HasUnseenBucket ? FeatureCount - 1 : FeatureCount;

    /// <summary>How <see cref="SlotNames"/> names the unseen-n-gram bucket.</summary>
    public const string UnseenSlotName = "<unseen>";

    /// <summary>
    /// The name of every feature slot in order: an n-gram as its syscall numbers joined by '|' (e.g. "5|3|6"),
    /// and <see cref="UnseenSlotName"/> for the bucket.
    /// </summary>
    public IReadOnlyList<string> SlotNames()
    {
        var column = Transformer.GetOutputSchema(InputSchema)[FeaturesColumn];
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref names);
        var result = new string[FeatureCount];
        var k = 0;
        foreach (var name in names.DenseValues())
        {
            var text = name.ToString();
            // Concatenate prefixes each slot with its source column ("RawCounts.1|2").
            result[k] = HasUnseenBucket && k == VocabularySize ? UnseenSlotName : text[(text.IndexOf('.', StringComparison.Ordinal) + 1)..];
            k++;
        }

        return result;
    }

    /// <summary>
    /// ln(N + 1): the idf given to the unseen bucket under tf-idf, N training traces (see the remarks).
    /// </summary>
    public static double UnseenIdf(int trainingTraceCount) => Math.Log(trainingTraceCount + 1.0);

    /// <summary>
    /// Σ_{k=1..n} max(0, L − k + 1): every n-gram occurrence (lengths 1..n) in a trace of
    /// <paramref name="length"/> calls, as ML.NET's ProduceNgrams enumerates them.
    /// </summary>
    public static long TotalNGramCount(int length, int maxLength)
    {
        long total = 0;
        for (var k = 1; k <= maxLength; k++)
        {
            total += Math.Max(0, length - k + 1);
        }

        return total;
    }

    /// <summary>The ML.NET estimator chain for <paramref name="settings"/> (unfitted), for N training traces.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext ml, NGramFeatureSettings settings, int trainingTraceCount)
    {
        var n = settings.MaxLength;
        var weighted = settings.Weighting == NGramWeighting.TfIdf ? WeightedCountsColumn : RawCountsColumn;
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion
            .MapValueToKey(KeysColumn, TokensColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.ProduceNgrams(weighted, KeysColumn,
                ngramLength: n,
                skipLength: 0,
                useAllLengths: true,
                weighting: settings.Weighting == NGramWeighting.TfIdf
                    ? NgramExtractingEstimator.WeightingCriteria.TfIdf
                    : NgramExtractingEstimator.WeightingCriteria.Tf));
        if (settings.Weighting == NGramWeighting.Binary)
        {
            pipeline = pipeline.Append(ml.Transforms.Expression(BinaryColumn, "x : x > 0 ? 1.0f : 0.0f", RawCountsColumn));
            weighted = BinaryColumn;
        }

        if (settings.Unseen == UnseenNGramHandling.Bucket)
        {
            if (settings.Weighting == NGramWeighting.TfIdf)
            {
                // The same vocabulary again (same data, same limits), unweighted: the tally needs raw counts.
                pipeline = pipeline.Append(ml.Transforms.Text.ProduceNgrams(RawCountsColumn, KeysColumn,
                    ngramLength: n, skipLength: 0, useAllLengths: true,
                    weighting: NgramExtractingEstimator.WeightingCriteria.Tf));
            }

            pipeline = pipeline
                .Append(ml.Transforms.CustomMapping<NGramTally.Input, NGramTally.Output>(NGramTally.Map, NGramTally.ContractName))
                .Append(ml.Transforms.Expression(UnseenColumn, UnseenExpression(settings, trainingTraceCount),
                    CallCountColumn, InVocabularyCountColumn))
                .Append(ml.Transforms.Concatenate(AugmentedColumn, weighted, UnseenColumn));
            weighted = AugmentedColumn;
        }

        return pipeline.Append(ml.Transforms.NormalizeLpNorm(FeaturesColumn, weighted,
            norm: LpNormNormalizingEstimatorBase.NormFunction.L2, ensureZeroMean: false));
    }

    /// <summary>
    /// The bucket value from (L, seen) as an ML.NET expression, n and the idf written in as literals:
    /// unseen = total(L) − seen with total(L) = nL − n(n−1)/2 for L ≥ n, else L(L+1)/2; then weighted.
    /// </summary>
    public static string UnseenExpression(NGramFeatureSettings settings, int trainingTraceCount)
    {
        var n = settings.MaxLength.ToString(CultureInfo.InvariantCulture);
        var shortfall = (settings.MaxLength * (settings.MaxLength - 1) / 2).ToString(CultureInfo.InvariantCulture);
        var unseen = $"((l >= {n} ? {n} * l - {shortfall} : l * (l + 1) / 2) - s)";
        return settings.Weighting switch
        {
            NGramWeighting.Tf => $"(l, s) : {unseen}",
            NGramWeighting.Binary => $"(l, s) : {unseen} > 0 ? 1.0f : 0.0f",
            // As ML.NET weighs vocabulary slots: float count × double idf, rounded to float.
            NGramWeighting.TfIdf => $"(l, s) : single(double({unseen}) * {UnseenIdf(trainingTraceCount).ToString("R", CultureInfo.InvariantCulture)})",
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Weighting, "unknown weighting"),
        };
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
        var transformer = BuildPipeline(ml, settings, trainingTraces.Count).Fit(data);
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
        var view = ToDataView(Ml, traces);
        foreach (var stage in _stages.Take(_countStageCount))
        {
            view = stage.Transform(view);
        }

        // With the bucket, the slots and the tally both read the counts, and ML.NET's getters recompute
        // them for every reader: cached, they are extracted once per trace (about half the featurizing time).
        if (HasUnseenBucket)
        {
            view = Ml.Data.Cache(view);
        }

        foreach (var stage in _stages.Skip(_countStageCount))
        {
            view = stage.Transform(view);
        }

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
        NGramTally.Register(ml);
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

    /// <summary>ML.NET input row: the trace's syscall numbers as tokens, and their number.</summary>
    public sealed class TraceRow
    {
        [VectorType]
        public string[] Tokens { get; set; } = [];

        /// <summary>L, seen in training or not; the unseen bucket needs it (as float: exact below 2^24).</summary>
        public float CallCount { get; set; }

        /// <summary>The token text of the syscall numbers traces use (Linux has fewer than 1,024), made once.</summary>
        private static readonly string[] CommonTokens = Enumerable.Range(0, 1024).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();

        public static TraceRow From(Trace trace)
        {
            var calls = trace.Calls;
            var tokens = new string[calls.Length];
            for (var i = 0; i < tokens.Length; i++)
            {
                var call = calls[i];
                tokens[i] = (uint)call < (uint)CommonTokens.Length ? CommonTokens[call] : call.ToString(CultureInfo.InvariantCulture);
            }

            return new TraceRow { Tokens = tokens, CallCount = calls.Length };
        }
    }

    /// <summary>ML.NET output row.</summary>
    public sealed class FeatureRow
    {
        [ColumnName(FeaturesColumn)]
        public VBuffer<float> Features { get; set; }
    }
}
