namespace SyscallBench.Core.Probes.Generalization;

/// <summary>What <see cref="GeneralizationProbe"/> found for one detector and seed.</summary>
/// <param name="Threshold">Set on the training normals' scores (see <see cref="TrainingThreshold"/>).</param>
/// <param name="Runs">One finding per held-out run of the dataset.</param>
public sealed record GeneralizationProbeResult(TrainingThreshold Threshold, IReadOnlyList<HeldOutRunFinding> Runs)
    : ProbeResult(GeneralizationProbe.ProbeName);

/// <summary>How a detector treats one held-out run ("8 8 8") followed by its correct successor (9) and by wrong ones.</summary>
/// <param name="Run">The run, space-separated ("8 8 8").</param>
/// <param name="Successor">The correct successor (9).</param>
/// <param name="Score">The detector's score of the run followed by the correct successor.</param>
/// <param name="ScoredNormal">Score at or below the training threshold: the never-seen run is accepted.</param>
/// <param name="WrongSuccessors">Each test trace "run x", x != successor.</param>
/// <param name="Prediction">Next-call prediction after the run; null when the detector predicts nothing.</param>
public sealed record HeldOutRunFinding(
    string Run,
    int Successor,
    double Score,
    bool ScoredNormal,
    IReadOnlyList<WrongSuccessorFinding> WrongSuccessors,
    SuccessorPrediction? Prediction)
{
    /// <summary>Wrong successors flagged at the training threshold.</summary>
    public int WrongSuccessorsFlagged => WrongSuccessors.Count(w => w.Flagged);

    /// <summary>Wrong successors scored strictly above the correct one (threshold-free: does the detector prefer the rule?).</summary>
    public int WrongSuccessorsScoredAbove => WrongSuccessors.Count(w => w.Score > Score);
}

/// <param name="Successor">x.</param>
/// <param name="Score">Score of "run x".</param>
/// <param name="Flagged">Score strictly above the training threshold.</param>
public sealed record WrongSuccessorFinding(int Successor, double Score, bool Flagged);

/// <summary>The detector's own next-call distribution after the run.</summary>
/// <param name="Probability">p(successor | run), the run read from the start of a trace.</param>
/// <param name="Rank">1 + the number of outcomes (unknown bucket included) strictly more probable than the successor.</param>
/// <param name="IsTop">The successor is strictly more probable than every other outcome.</param>
/// <param name="Top">The most probable outcome: a syscall number, or null for the unknown bucket.</param>
/// <param name="TopProbability">Its probability.</param>
public sealed record SuccessorPrediction(double Probability, int Rank, bool IsTop, int? Top, double TopProbability);
