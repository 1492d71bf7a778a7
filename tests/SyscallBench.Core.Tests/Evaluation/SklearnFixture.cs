using System.Text.Json;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation;

/// <summary>One case written by tests/Fixtures/evaluation/generate_fixtures.py: scores, labels and sklearn's answers.</summary>
internal sealed record SklearnFixture(
    string Name,
    double[] Scores,
    int[] Labels,
    double RocAuc,
    double AveragePrecision,
    double[] RocFpr,
    double[] RocTpr,
    double?[] RocThresholds,
    double[] PrPrecision,
    double[] PrRecall,
    double[] PrThresholds)
{
    /// <summary>Every fixture file; a test fails rather than skips when one is missing.</summary>
    public static readonly string[] Names =
    [
        "tiny_sklearn_doc",
        "tiny_ties_across_classes",
        "all_equal",
        "perfectly_separated",
        "inverted",
        "single_normal_single_attack",
        "signed_zero_and_negative",
        "stide_heavy_ties",
        "integer_counts",
        "random_gaussian_2000",
        "random_rounded_2000",
        "large_magnitude",
    ];

    public static IEnumerable<object[]> AllNames => Names.Select(n => new object[] { n });

    public IReadOnlyList<ScoredTrace> ToScoredTraces() =>
        Scores.Select((score, i) => new ScoredTrace(
                $"{Name}#{i}",
                Labels[i] == 1 ? TraceLabel.Attack : TraceLabel.Normal,
                Labels[i] == 1 ? "Family" : null,
                score))
            .ToArray();

    public static SklearnFixture Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "evaluation", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var roc = root.GetProperty("roc_curve");
        var pr = root.GetProperty("precision_recall_curve");
        return new SklearnFixture(
            name,
            Doubles(root.GetProperty("scores")),
            root.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            root.GetProperty("roc_auc").GetDouble(),
            root.GetProperty("average_precision").GetDouble(),
            Doubles(roc.GetProperty("fpr")),
            Doubles(roc.GetProperty("tpr")),
            roc.GetProperty("thresholds").EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Null ? (double?)null : e.GetDouble()).ToArray(),
            Doubles(pr.GetProperty("precision")),
            Doubles(pr.GetProperty("recall")),
            Doubles(pr.GetProperty("thresholds")));
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
