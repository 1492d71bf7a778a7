using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.IO.Compression;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Options;
using SyscallBench.Core.Traces;
using Xunit.Abstractions;

namespace SyscallBench.Core.Tests.Detection;

/// <summary>
/// Fit and scoring throughput of the n-gram family on the full ADFA-LD split (opt-in, see
/// <see cref="AdfaLdBenchmarkFactAttribute"/>). Run with
/// <c>SYSCALLBENCH_BENCH=1 dotnet test tests/SyscallBench.Core.Tests --filter FullyQualifiedName~NGramThroughput --logger "console;verbosity=detailed"</c>.
/// The AUC printed is a sanity check that the detectors learned something, not an evaluation result.
/// </summary>
public class NGramThroughputBenchmark(ITestOutputHelper output)
{
    [AdfaLdBenchmarkFact]
    public void GivenAdfaLd_WhenEachNGramDetectorIsFittedAndScoresEveryTestTrace_ThenItTakesSecondsAndSeparatesAttacks()
    {
        // Given: the official split (README: 833 training traces, 308,077 calls)
        var (train, test) = ReadAdfaLd(AdfaLdBenchmarkFactAttribute.LocateAdfaLd()!);
        Assert.Equal(833, train.Count);
        Assert.Equal(308_077, train.Sum(t => t.Length));
        Assert.Equal(4372 + 746, test.Count);
        var testCalls = test.Sum(t => (long)t.Length);
        output.WriteLine(FormattableString.Invariant($"train {train.Count} traces / {train.Sum(t => t.Length)} calls; test {test.Count} traces / {testCalls} calls; {Environment.ProcessorCount} cores"));

        var variants = new (string Type, IOptions Options)[]
        {
            ("stide", new StideOptions()),
            ("stide", new StideOptions { Score = MismatchScore.MaxLfc }),
            ("tstide", new TStideOptions()),
            ("ngram", new NGramOptions()),
            ("ngram", new NGramOptions { Smoothing = NGramSmoothing.WittenBell, Score = SurprisalScore.MaxWindowSurprisal }),
            ("ngram", new NGramOptions { Smoothing = NGramSmoothing.AddK, Order = 6 }),
        };
        var registry = new DetectorRegistry(DetectorRegistry.CoreDescriptors);

        foreach (var (type, options) in variants)
        {
            // When
            var detector = registry.Find(type)!.Create(type, options);
            var clock = Stopwatch.StartNew();
            using var fitted = detector.Fit(train, FitContext.Default);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var scores = fitted.ScoreMany(test);
            var scoreSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            foreach (var trace in test)
            {
                fitted.Score(trace);
            }

            var sequentialSeconds = clock.Elapsed.TotalSeconds;
            var auc = RocAuc(test.Select(t => t.IsAttack).ToArray(), scores.Select(s => s.Value).ToArray());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{type,-6} {Describe(options),-60} fit {fitSeconds,6:F3} s ({train.Sum(t => t.Length) / fitSeconds,12:N0} calls/s)  "
                + $"score {scoreSeconds,6:F3} s parallel ({testCalls / scoreSeconds,12:N0} calls/s), "
                + $"{sequentialSeconds,6:F3} s one thread ({testCalls / sequentialSeconds,12:N0} calls/s)  AUC {auc:F4}"));

            // Then: "a few seconds at most" per detector (generous for a shared machine), and better than chance
            Assert.InRange(fitSeconds + scoreSeconds, 0, 20);
            Assert.All(scores, s => Assert.True(double.IsFinite(s.Value)));
            Assert.True(auc > 0.6, $"{type} AUC {auc}");
        }
    }

    private static string Describe(IOptions options) =>
        string.Join(" ", OptionsSchema.Describe(options.GetType()).Select(p => $"{p.YamlName}={OptionsSchema.FormatValue(p.Property.GetValue(options))}"));

    /// <summary>Tie-aware ROC AUC (Mann-Whitney U with mid-ranks); a sanity check only.</summary>
    private static double RocAuc(bool[] isAttack, double[] scores)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = ((start + end) / 2.0) + 1;
            }

            start = end + 1;
        }

        double positives = isAttack.Count(a => a), negatives = isAttack.Length - positives;
        var rankSum = Enumerable.Range(0, scores.Length).Where(i => isAttack[i]).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>A minimal reader of the ADFA-LD zip for this benchmark (the dataset loader lives elsewhere).</summary>
    private static (IReadOnlyList<Trace> Train, IReadOnlyList<Trace> Test) ReadAdfaLd(string zipPath)
    {
        var train = new List<Trace>();
        var test = new List<Trace>();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".txt", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            var parts = entry.FullName.Split('/');
            if (parts.Length < 3)
            {
                continue;
            }

            using var reader = new StreamReader(entry.Open());
            var calls = reader.ReadToEnd().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(token => int.Parse(token, CultureInfo.InvariantCulture)).ToArray();
            switch (parts[1])
            {
                case "Training_Data_Master":
                    train.Add(Trace.Normal(entry.FullName, calls));
                    break;
                case "Validation_Data_Master":
                    test.Add(Trace.Normal(entry.FullName, calls));
                    break;
                case "Attack_Data_Master":
                    test.Add(Trace.Attack(entry.FullName, calls, parts[2][..parts[2].LastIndexOf('_')]));
                    break;
            }
        }

        return (train, test);
    }
}
