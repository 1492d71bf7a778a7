using System.Globalization;
using System.Text.Json.Serialization;

namespace SyscallBench.Core.Detection.Selection;

/// <summary>What a <c>select:</c> decided, and from what: saved beside the chosen model and reported by the run.</summary>
/// <param name="Criterion">The criterion used, as YAML writes it (heldout_likelihood or synthetic_anomalies).</param>
/// <param name="HigherIsBetter">True for an AUC, false for a surprisal.</param>
/// <param name="Chosen">The chosen variant's name (family.param=value).</param>
/// <param name="Candidates">Every variant with its criterion value, in grid order.</param>
/// <param name="FittingTraces">Training normals each variant was fitted on to be judged.</param>
/// <param name="HeldOutTraces">Training normals held out to judge them.</param>
/// <param name="SyntheticAnomalies">Anomalies made from the held-out normals (0 for heldout_likelihood).</param>
public sealed record SelectionOutcome(string Criterion, bool HigherIsBetter, string Chosen, IReadOnlyList<SelectionCandidate> Candidates,
    int FittingTraces, int HeldOutTraces, int SyntheticAnomalies)
{
    [JsonIgnore]
    public SelectionCandidate ChosenCandidate => Candidates.First(c => c.Variant == Chosen);

    /// <summary>
    /// One sentence for the console and the report: "window_length=6 chosen by synthetic_anomalies (ROC AUC of 166
    /// held-out training normals against 332 synthetic anomalies, higher is better): window_length=3 0.9120, ...".
    /// </summary>
    public string Sentence()
    {
        var basis = SyntheticAnomalies > 0
            ? $"ROC AUC of {HeldOutTraces} held-out training normals against {SyntheticAnomalies} synthetic anomalies, higher is better"
            : $"mean surprisal per call of {HeldOutTraces} held-out training normals, nats, lower is better";
        var values = string.Join(", ", Candidates.Select(c => $"{Describe(c)} {c.Value.ToString("0.0000", CultureInfo.InvariantCulture)}"
            + (c.Variant == Chosen ? " (chosen)" : "")));
        return $"{Describe(ChosenCandidate)} chosen by {Criterion} ({basis}; each variant fitted on the other {FittingTraces}): {values}";
    }

    private static string Describe(SelectionCandidate candidate) =>
        candidate.Values.Count == 0 ? candidate.Variant : string.Join(" ", candidate.Values.Select(v => $"{v.Key}={v.Value}"));
}

/// <summary>One variant of a selection.</summary>
/// <param name="Variant">Its name (family.param=value).</param>
/// <param name="Values">The swept parameters (YAML names) and its values, in grid order.</param>
/// <param name="Value">Its criterion value.</param>
public sealed record SelectionCandidate(string Variant, IReadOnlyDictionary<string, string> Values, double Value);
