using System.Text.Json;
using SyscallBench.Core.Export;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.Selection;

/// <summary>The chosen variant of a <c>select:</c>, fitted on all training normals, and what the choice was.</summary>
/// <remarks>
/// Saved as the chosen variant's own model plus selection.json, so `score --model` and `predict` load the folder
/// as a plain model of the variant's type; the run's cache loads it back with its selection.
/// </remarks>
public sealed class FittedSelection(IFittedDetector chosen, SelectionOutcome outcome) : IFittedDetector, IWrapsFittedDetector
{
    public const string SelectionFile = "selection.json";

    public SelectionOutcome Outcome { get; } = outcome;

    public IFittedDetector Inner => chosen;

    public string Type => chosen.Type;

    public TraceScore Score(Trace trace) => chosen.Score(trace);

    public IReadOnlyList<TraceScore> ScoreMany(IReadOnlyList<Trace> traces, CancellationToken cancellation = default) =>
        chosen.ScoreMany(traces, cancellation);

    public IReadOnlyList<double> ScoreValues(IReadOnlyList<Trace> traces, CancellationToken cancellation = default) =>
        chosen.ScoreValues(traces, cancellation);

    public void Save(string directory)
    {
        chosen.Save(directory);
        JsonFile.Save(Outcome, Path.Combine(directory, SelectionFile));
    }

    public void Dispose() => chosen.Dispose();

    /// <summary>The chosen model (loaded by its own type) and selection.json, checked.</summary>
    /// <exception cref="SyscallBenchException">selection.json is missing, not JSON, or does not hold a consistent choice.</exception>
    public static FittedSelection Load(string directory, DetectorDescriptor variantType)
    {
        var path = Path.Combine(directory, SelectionFile);
        SelectionOutcome? outcome;
        try
        {
            outcome = JsonSerializer.Deserialize<SelectionOutcome>(File.ReadAllText(path), JsonFile.ReadOptions);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new SyscallBenchException($"{path}: not a readable selection ({e.Message.Split('\n')[0].Trim()}); fit it again.", e);
        }

        if (outcome is null || outcome.Criterion is not ("heldout_likelihood" or "synthetic_anomalies")
            || outcome.Candidates is not { Count: > 0 } || outcome.Candidates.Any(c => c?.Variant is null || c.Values is null || double.IsNaN(c.Value))
            || outcome.Candidates.All(c => c.Variant != outcome.Chosen))
        {
            throw new SyscallBenchException($"{path}: not a consistent selection (a criterion, candidates with values, the chosen one among them); fit it again.");
        }

        return new FittedSelection(variantType.Load(directory), outcome);
    }
}
