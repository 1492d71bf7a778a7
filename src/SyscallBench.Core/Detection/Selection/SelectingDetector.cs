using SyscallBench.Core.Config;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Running;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.Selection;

/// <summary>
/// A detector entry with <c>grid:</c> and <c>select:</c>: fitting chooses one variant of the grid from the
/// training normals alone (see <see cref="SelectOptions"/> for the protocol), fits it on all of them, and scores
/// with it. The run shows one detector under the entry's name; the choice and every variant's criterion value
/// travel with the model (<see cref="FittedSelection"/>).
/// </summary>
public sealed class SelectingDetector : IDetector
{
    private readonly IReadOnlyList<DetectorSpec> _variants;
    private readonly SelectOptions _options;
    private readonly SelectionCriterion _criterion;

    /// <param name="name">The entry's name.</param>
    /// <param name="variants">The grid's variants, in grid order (at least one, all of one type).</param>
    /// <param name="options">The select block.</param>
    public SelectingDetector(string name, IReadOnlyList<DetectorSpec> variants, SelectOptions options)
    {
        if (variants.Count == 0)
        {
            throw new ArgumentException("A selection needs at least one variant.", nameof(variants));
        }

        Name = name;
        _variants = variants;
        _options = options;
        _criterion = Resolve(options.Criterion, variants[0].Descriptor);
    }

    public string Name { get; }

    public string Type => _variants[0].Type;

    /// <summary>
    /// The descriptor of a selection over variants of <paramref name="variantType"/>: its type name, traits and
    /// saved-model format (a selection's model folder is the chosen variant's, plus selection.json).
    /// </summary>
    public static DetectorDescriptor Descriptor(DetectorDescriptor variantType, IReadOnlyList<DetectorSpec> variants) =>
        DetectorDescriptor.Create<SelectOptions>(variantType.Type,
            $"{variantType.Summary} One variant chosen from training normals (select:).",
            (name, options) => new SelectingDetector(name, variants, options),
            directory => FittedSelection.Load(directory, variantType),
            // The held-out split and synthetic anomalies use a fixed seed: the choice adds no dependence on the run's seed.
            variantType.Traits);

    /// <summary>Why <paramref name="criterion"/> cannot judge variants of this type; null when it can.</summary>
    public static string? Problem(SelectionCriterion criterion, DetectorDescriptor variantType) =>
        criterion == SelectionCriterion.HeldoutLikelihood && !variantType.Traits.HasFlag(DetectorTraits.LanguageModel)
            ? $"heldout_likelihood needs a language model (a detector that predicts the next call); {variantType.Type} is not one: use synthetic_anomalies or auto"
            : null;

    /// <summary>The criterion <paramref name="criterion"/> stands for with variants of this type.</summary>
    /// <exception cref="SyscallBenchException">A criterion that cannot judge this type (<see cref="Problem"/>).</exception>
    public static SelectionCriterion Resolve(SelectionCriterion criterion, DetectorDescriptor variantType)
    {
        if (Problem(criterion, variantType) is { } problem)
        {
            throw new SyscallBenchException(problem + ".");
        }

        return criterion != SelectionCriterion.Auto ? criterion
            : variantType.Traits.HasFlag(DetectorTraits.LanguageModel) ? SelectionCriterion.HeldoutLikelihood : SelectionCriterion.SyntheticAnomalies;
    }

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context)
    {
        var split = HeldOutSplit.Of(normalTraces, _options.HoldoutFraction, SelectOptions.HoldoutSeed, Name);
        var anomalies = _criterion == SelectionCriterion.SyntheticAnomalies
            ? SyntheticAnomalies.Make(split.HeldOut, Alphabet(split.Fitting), _options.SegmentLength, SelectOptions.HoldoutSeed)
            : [];
        var steps = _variants.Count + 1;
        var candidates = new List<SelectionCandidate>(_variants.Count);
        for (var i = 0; i < _variants.Count; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var variant = _variants[i];
            using var fitted = variant.Create().Fit(split.Fitting, Step(context, i, steps, $"judging {variant.Name}"));
            var value = _criterion == SelectionCriterion.HeldoutLikelihood
                ? HeldOutSurprisal(fitted, split.HeldOut, variant.Name, context.Cancellation)
                : SyntheticAnomalyAuc(fitted, split.HeldOut, anomalies, variant.Name, context.Cancellation);
            candidates.Add(new SelectionCandidate(variant.Name, SweptValues(variant), value));
        }

        var higherIsBetter = _criterion == SelectionCriterion.SyntheticAnomalies;
        var best = 0;
        for (var i = 1; i < candidates.Count; i++)
        {
            // Strictly better only: on a tie the earlier variant in grid order stays chosen.
            if (higherIsBetter ? candidates[i].Value > candidates[best].Value : candidates[i].Value < candidates[best].Value)
            {
                best = i;
            }
        }

        var chosen = _variants[best];
        var model = chosen.Create().Fit(normalTraces, Step(context, _variants.Count, steps, $"fitting the chosen {chosen.Name} on all training normals"));
        var outcome = new SelectionOutcome(OptionsSchema.FormatValue(_criterion), higherIsBetter, chosen.Name, candidates,
            split.Fitting.Count, split.HeldOut.Count, anomalies.Count);
        return new FittedSelection(model, outcome);
    }

    /// <summary>Progress of step i of n, with the step's own progress inside its share.</summary>
    private static FitContext Step(FitContext context, int step, int steps, string status)
    {
        context.Report((double)step / steps, status);
        return context with
        {
            Progress = context.Progress is null
                ? null
                : new SynchronousProgress<FitProgress>(p => context.Report((step + p.Fraction) / steps, $"{status}: {p.Status}")),
        };
    }

    private static IReadOnlyDictionary<string, string> SweptValues(DetectorSpec variant) =>
        (variant.Sweep?.Values ?? []).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static int[] Alphabet(IReadOnlyList<Trace> traces) =>
        traces.SelectMany(t => t.Calls).Distinct().Order().ToArray() is { Length: > 0 } alphabet
            ? alphabet
            : throw new SyscallBenchException("select: the training normals left to fit on hold no call; synthetic anomalies need some.");

    /// <summary>-(1/N) Σ ln p(x_t | context) over the N calls of the held-out traces (a language model's position scores).</summary>
    private static double HeldOutSurprisal(IFittedDetector fitted, IReadOnlyList<Trace> heldOut, string variant, CancellationToken cancellation)
    {
        var scores = fitted.ScoreMany(heldOut, cancellation);
        double total = 0;
        long calls = 0;
        for (var i = 0; i < heldOut.Count; i++)
        {
            var surprisals = scores[i].PositionScores;
            if (surprisals is null || surprisals.Length != heldOut[i].Length)
            {
                throw new InvalidOperationException($"'{variant}' is registered as a language model but gave no per-call surprisal for {heldOut[i].Id}.");
            }

            total += surprisals.Sum();
            calls += surprisals.Length;
        }

        return calls > 0
            ? total / calls
            : throw new SyscallBenchException("select: the held-out training normals hold no call to judge a language model on.");
    }

    private static double SyntheticAnomalyAuc(IFittedDetector fitted, IReadOnlyList<Trace> heldOut, IReadOnlyList<Trace> anomalies,
        string variant, CancellationToken cancellation)
    {
        var traces = heldOut.Concat(anomalies).ToArray();
        var scores = fitted.ScoreValues(traces, cancellation);
        return RocCurve.Compute(traces.Select((t, i) => new ScoredTrace(t.Id, t.Label, t.Family, scores[i])).ToArray(), variant).Auc;
    }
}
