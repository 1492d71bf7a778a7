using System.Globalization;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using Xunit.Abstractions;

namespace SyscallBench.Core.Tests.Datasets;

/// <summary>
/// The synthetic families must make detectors differ: unseen-window detectors catch foreign subsequences
/// almost perfectly but not mimicry; long runs of a rare-but-known call hide from STIDE but not from
/// frequency-aware t-STIDE. Measured with the default options (the quickstart's data).
/// </summary>
public sealed class SyntheticSeparationTests(ITestOutputHelper output)
{
    private static readonly Lazy<LabeledDataset> Default = new(() => SyntheticDataset.Generate(new SyntheticOptions()));

    private double AucOf(string family, Func<Trace, double> score)
    {
        var normals = Default.Value.Test.Where(t => !t.IsAttack).Select(score).ToArray();
        var attacks = Default.Value.Test.Where(t => t.Family == family).Select(score).ToArray();
        return WindowScorers.Auc(normals, attacks);
    }

    [Fact]
    public void GivenDefaultSyntheticData_WhenScoredByReferenceWindowScorers_ThenFamiliesSeparateAsDesigned()
    {
        // Given
        var scorers = new[] { 3, 6 }.ToDictionary(n => n, n => new WindowScorers(Default.Value.Train, n));
        var families = new[] { "foreign_subsequence", "unusual_mix", "rare_run", "mimicry" };

        // When
        var auc = new Dictionary<(string Family, string Scorer), double>();
        foreach (var family in families)
        {
            foreach (var (n, scorer) in scorers)
            {
                auc[(family, $"stide{n}")] = AucOf(family, scorer.Stide);
                auc[(family, $"tstide{n}")] = AucOf(family, scorer.TStide);
                auc[(family, $"ngram{n}")] = AucOf(family, scorer.MeanSurprisal);
            }

            output.WriteLine(family + ": " + string.Join(", ", auc.Where(p => p.Key.Family == family)
                .Select(p => $"{p.Key.Scorer}={p.Value.ToString("F3", CultureInfo.InvariantCulture)}")));
        }

        foreach (var note in Default.Value.Provenance.Notes)
        {
            output.WriteLine(note);
        }

        // Then: unseen-window detectors catch foreign calls and reordered routines almost perfectly ...
        AssertAuc(auc, "foreign_subsequence", "stide3", atLeast: 0.97);
        AssertAuc(auc, "foreign_subsequence", "stide6", atLeast: 0.97);
        AssertAuc(auc, "unusual_mix", "stide6", atLeast: 0.95);

        // ... but mimicry keeps 3-grams known (stide3 near chance) and only partly shows in windows of 6 ...
        AssertAuc(auc, "mimicry", "stide3", atMost: 0.7);
        AssertAuc(auc, "mimicry", "stide6", atMost: 0.9);

        // ... and a long run of a rare-but-known call hides from short windows but not from frequency-aware t-STIDE.
        AssertAuc(auc, "rare_run", "stide3", atMost: 0.7);
        AssertAuc(auc, "rare_run", "tstide6", atLeast: 0.85);
    }

    private static void AssertAuc(Dictionary<(string Family, string Scorer), double> auc, string family, string scorer,
        double atLeast = 0, double atMost = 1)
    {
        var value = auc[(family, scorer)];
        Assert.True(value >= atLeast && value <= atMost,
            $"{family} {scorer} AUC {value.ToString("F3", CultureInfo.InvariantCulture)} outside [{atLeast}, {atMost}]");
    }
}
