using System.Text.Json;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation.Comparison;

/// <summary>One case of tests/Fixtures/comparison/delong.json, written by generate_delong_fixtures.py (numpy/scipy).</summary>
internal sealed record DeLongFixture(
    string Name, double[] ScoresA, double[] ScoresB, int[] Labels,
    double AucA, double AucB, double Difference, double StandardError, double Z, double PValue)
{
    private static readonly Lazy<IReadOnlyList<DeLongFixture>> All = new(Load);

    public static IEnumerable<object[]> Names => All.Value.Select(c => new object[] { c.Name });

    public static DeLongFixture Get(string name) => All.Value.Single(c => c.Name == name);

    /// <summary>Trace ids are shared by both detectors; detector B lists its traces in reverse, to show order plays no part.</summary>
    public IReadOnlyList<ScoredTrace> TracesA() => Traces(ScoresA);

    public IReadOnlyList<ScoredTrace> TracesB() => Traces(ScoresB).Reverse().ToArray();

    private IReadOnlyList<ScoredTrace> Traces(double[] scores) =>
        scores.Select((s, i) => new ScoredTrace($"trace-{i:D4}", Labels[i] == 1 ? TraceLabel.Attack : TraceLabel.Normal, null, s)).ToArray();

    private static IReadOnlyList<DeLongFixture> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "comparison", "delong.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new DeLongFixture(
            c.GetProperty("name").GetString()!,
            Doubles(c.GetProperty("scores_a")),
            Doubles(c.GetProperty("scores_b")),
            c.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            c.GetProperty("auc_a").GetDouble(),
            c.GetProperty("auc_b").GetDouble(),
            c.GetProperty("difference").GetDouble(),
            c.GetProperty("standard_error").GetDouble(),
            c.GetProperty("z").GetDouble(),
            c.GetProperty("p_value").GetDouble())).ToArray();
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
