using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Probes.Generalization;

/// <summary>
/// The generalization question for the `generalization` dataset: is the never-seen held-out run with the
/// correct successor ("8 8 8 9") scored as normal, are wrong successors ("8 8 8 x") flagged, and, for
/// detectors that predict next calls, how probable is the successor after the run?
/// </summary>
/// <remarks>
/// The threshold is set on the TRAINING normals' scores (the fitted detector scores its own training
/// traces) at <see cref="TrainingFalseAlarmRate"/>, with the tie rule of Core's operating points (see
/// <see cref="TrainingThreshold.At"/>): no test trace and no attack label chooses it. The held-out runs are
/// read from the dataset itself: each distinct test-normal trace is "run successor", and the
/// wrong_successor attack traces with the same run are its wrong successors.
/// </remarks>
public sealed class GeneralizationProbe(double trainingFalseAlarmRate = 0.01) : IDetectorProbe
{
    public const string ProbeName = "generalization";

    public string Name => ProbeName;

    public Type ResultType => typeof(GeneralizationProbeResult);

    public double TrainingFalseAlarmRate { get; } = trainingFalseAlarmRate;

    public bool AppliesTo(LabeledDataset dataset) => dataset.Provenance.Type == GeneralizationDataset.TypeName;

    public ProbeResult Probe(string detector, int seed, IFittedDetector fitted, LabeledDataset dataset, IReadOnlyList<double> testScores)
    {
        var trainScores = fitted.ScoreValues(dataset.Train).ToArray();
        var threshold = TrainingThreshold.At(trainScores, TrainingFalseAlarmRate);
        var heldOutRuns = dataset.Test.Where(t => !t.IsAttack)
            .DistinctBy(t => Text(t.Calls))
            .ToArray();
        var wrong = dataset.Test.Where(t => t.Family == GeneralizationDataset.WrongSuccessor).ToArray();
        var toScore = heldOutRuns.Concat(wrong).ToArray();
        var scores = fitted.ScoreValues(toScore);
        var scoreOf = toScore.Select((t, i) => (t.Id, Score: scores[i])).ToDictionary(p => p.Id, p => p.Score);

        var findings = new List<HeldOutRunFinding>();
        foreach (var normal in heldOutRuns)
        {
            var run = normal.Calls[..^1];
            var successor = normal.Calls[^1];
            var score = scoreOf[normal.Id];
            var wrongSuccessors = wrong
                .Where(t => t.Calls.Length == normal.Calls.Length && t.Calls.AsSpan(0, run.Length).SequenceEqual(run))
                .OrderBy(t => t.Calls[^1])
                .Select(t => new WrongSuccessorFinding(t.Calls[^1], scoreOf[t.Id], threshold.Flags(scoreOf[t.Id])))
                .ToArray();
            var prediction = fitted.As<INextCallPredictor>() is { } predictor ? Predict(predictor, run, successor) : null;
            findings.Add(new HeldOutRunFinding(Text(run), successor, score, !threshold.Flags(score), wrongSuccessors, prediction));
        }

        return new GeneralizationProbeResult(threshold, findings);
    }

    /// <summary>Reads p(successor | run), its rank and the top outcome off the whole next-call distribution.</summary>
    internal static SuccessorPrediction Predict(INextCallPredictor predictor, int[] run, int successor)
    {
        var distribution = predictor.PredictNext(run, int.MaxValue);
        // A successor the model never saw is the unknown bucket: that bucket's probability is what it gives it.
        var entry = distribution.FirstOrDefault(p => p.Syscall == successor) ?? distribution.First(p => p.IsUnknown);
        var probability = entry.Probability;
        var rank = 1 + distribution.Count(p => p.Probability > probability);
        var isTop = rank == 1 && distribution.Count(p => p.Probability == probability) == 1 && entry.Syscall == successor;
        var top = distribution.MaxBy(p => p.Probability)!;
        return new SuccessorPrediction(probability, rank, isTop, top.Syscall, top.Probability);
    }

    private static string Text(IEnumerable<int> calls) => string.Join(' ', calls);
}
