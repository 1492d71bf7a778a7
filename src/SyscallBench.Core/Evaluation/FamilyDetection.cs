namespace SyscallBench.Core.Evaluation;

/// <summary>Detection rates of one attack family at each operating point's threshold.</summary>
/// <param name="Family">The family name (<see cref="FamilyBreakdown.NoFamily"/> for attacks without one).</param>
/// <param name="Count">Attack traces of this family.</param>
/// <param name="DetectionRates">Fraction of the family flagged (score &gt; threshold), one per operating point, same order.</param>
public sealed record FamilyDetection(string Family, int Count, IReadOnlyList<double> DetectionRates);

/// <summary>False-alarm rates of one kind of normal work (a normal trace's family) at each operating point's threshold.</summary>
/// <param name="Family">The normal family's name, as the dataset gives it.</param>
/// <param name="Count">Normal test traces of this family.</param>
/// <param name="FalseAlarmRates">Fraction of the family flagged (score &gt; threshold), one per operating point, same order.</param>
public sealed record NormalFamilyFalseAlarms(string Family, int Count, IReadOnlyList<double> FalseAlarmRates);

/// <summary>Per-attack-family detection rates at thresholds already chosen (from normal scores) for the operating points.</summary>
public static class FamilyBreakdown
{
    /// <summary>The family reported for attack traces whose family is null or empty.</summary>
    public const string NoFamily = "(no family)";

    /// <summary>One row per family, families sorted ordinally; normal traces are ignored.</summary>
    public static IReadOnlyList<FamilyDetection> Compute(IReadOnlyList<ScoredTrace> scores, IReadOnlyList<OperatingPoint> operatingPoints)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(operatingPoints);
        return scores
            .Where(s => s.Label == Traces.TraceLabel.Attack)
            .GroupBy(s => string.IsNullOrEmpty(s.Family) ? NoFamily : s.Family, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var familyScores = g.Select(s => s.Score).ToArray();
                var rates = operatingPoints
                    .Select(p => (double)familyScores.Count(score => score > p.Threshold) / familyScores.Length)
                    .ToArray();
                return new FamilyDetection(g.Key, familyScores.Length, rates);
            })
            .ToArray();
    }

    /// <summary>
    /// One row per normal family (normal traces that have one; the others are left out), families sorted
    /// ordinally: which normal workloads a detector mistakes for attacks at each operating point.
    /// </summary>
    public static IReadOnlyList<NormalFamilyFalseAlarms> ComputeNormal(IReadOnlyList<ScoredTrace> scores, IReadOnlyList<OperatingPoint> operatingPoints)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(operatingPoints);
        return scores
            .Where(s => s.Label == Traces.TraceLabel.Normal && !string.IsNullOrEmpty(s.Family))
            .GroupBy(s => s.Family!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var familyScores = g.Select(s => s.Score).ToArray();
                var rates = operatingPoints
                    .Select(p => (double)familyScores.Count(score => score > p.Threshold) / familyScores.Length)
                    .ToArray();
                return new NormalFamilyFalseAlarms(g.Key, familyScores.Length, rates);
            })
            .ToArray();
    }
}
