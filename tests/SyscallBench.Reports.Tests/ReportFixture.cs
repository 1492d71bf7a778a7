using System.ComponentModel;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Traces;

namespace SyscallBench.Reports.Tests;

/// <summary>
/// A complete run result built in memory: a small labeled dataset with three attack families and three
/// detectors with fixed scores ("clean" separates well, "noisy" partly, "blind" scores everything alike),
/// evaluated by the real evaluator.
/// </summary>
internal static class ReportFixture
{
    public const string Experiment = "report-fixture";

    public static readonly string[] Families = ["Adduser", "Hydra_FTP", "Web_Shell"];

    public static readonly EvaluationOptions Evaluation = new()
    {
        FalseAlarmRates = [0.01, 0.1],
        DetectionRate = 0.9,
        BootstrapResamples = 200,
        BootstrapSeed = 7,
    };

    public sealed class NoOptions : IOptions
    {
        [Description("Unused.")]
        public int Unused { get; init; }

        public IEnumerable<OptionError> Validate() => [];
    }

    /// <param name="families">Attack family names (default <see cref="Families"/>), cycled over the attacks.</param>
    /// <param name="normalFamilies">Kinds of normal work cycled over the test normals; none by default.</param>
    public static LabeledDataset Dataset(string[]? families = null, string[]? normalFamilies = null)
    {
        // Train: 10 traces over syscalls 1..4. Test normals reuse those; attacks add 9 and 11.
        var train = Enumerable.Range(0, 10)
            .Select(i => Trace.Normal($"train/{i}", Enumerable.Range(0, 5 + i).Select(k => 1 + (k + i) % 4).ToArray()))
            .ToArray();
        var testNormal = Enumerable.Range(0, 20)
            .Select(i => Trace.Normal($"test/normal/{i}", Enumerable.Range(0, 6 + i % 5).Select(k => 1 + (k * 3 + i) % 4).ToArray(),
                family: normalFamilies is null ? null : normalFamilies[i % normalFamilies.Length]));
        var testAttack = Enumerable.Range(0, 9)
            .Select(i => Trace.Attack($"test/attack/{i}", [1, 9, 2, 11, 3, 9, 4], (families ?? Families)[i % (families ?? Families).Length]));
        var test = testNormal.Concat(testAttack).ToArray();
        return new LabeledDataset("fixture", train, test,
            new DatasetProvenance("inline", "generated", DatasetHash.Compute(train, test), ["20 normal and 9 attack test traces"]));
    }

    /// <param name="detectorNames">Names of the detectors (scorers cycle through clean, noisy, blind).</param>
    /// <param name="seeds">Seeds; "noisy" scores differently under each seed, the others do not.</param>
    /// <param name="dataset">The dataset (default <see cref="Dataset"/>).</param>
    public static RunResult Result(IReadOnlyList<string>? detectorNames = null, IReadOnlyList<int>? seeds = null, LabeledDataset? dataset = null)
    {
        dataset ??= Dataset();
        var names = detectorNames ?? ["clean", "noisy", "blind"];
        var seedList = seeds ?? [1];
        var scorers = new Func<Trace, int, int, double>[]
        {
            (t, i, _) => t.IsAttack ? 10 + i : i * 0.1,
            (t, i, seed) => (t.IsAttack ? 1.5 + i % 4 : i % 7) + ((seed - 1) * ((i * 7) % 5)),
            (_, _, _) => 1.0,
        };
        var detectors = names.SelectMany((name, d) => seedList.Select(seed =>
        {
            var scores = dataset.Test.Select((t, i) => new ScoredTrace(t.Id, t.Label, t.Family, scorers[d % scorers.Length](t, i, seed))).ToArray();
            return new DetectorResult(name, d == 0 ? "stide" : "markov", seed, scores, Evaluator.Evaluate(name, scores, Evaluation),
                TimeSpan.FromMilliseconds(120 * (d + 1)), TimeSpan.FromMilliseconds(30 + d), null, []);
        })).ToArray();

        var datasetSpec = new DatasetSpec("inline",
            DatasetDescriptor.Create<NoOptions>("inline", "in-memory", (_, _) => dataset), new NoOptions());
        var detectorDescriptor = DetectorDescriptor.Create<NoOptions>("stide", "unused", (_, _) => throw new NotSupportedException(), _ => throw new NotSupportedException());
        var config = new ExperimentConfig(Experiment, "A fixture run for the report tests.", "/tmp/report-fixture.yaml", [datasetSpec],
            names.Select(n => new DetectorSpec(n, detectorDescriptor, new NoOptions())).ToArray(),
            Evaluation, seedList, "/tmp/results", SaveModels: false);
        var environment = new RunEnvironment("0.1.0", "0123456789abcdef0123456789abcdef01234567", false, ".NET 10.0.0",
            "Linux (X64)", "Test CPU @ 3.00GHz", 2, "syscallbench run fixture.yaml", new Dictionary<string, string>());
        return new RunResult("20260101-120000-abcdef", config, DatasetSummary.Of(dataset), detectors,
            new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(3), environment).Summarized();
    }

    /// <summary>
    /// The same results as re-splits of one seed: each seed's results become split "resplit-{seed}" at seed 1,
    /// so every detector has one result per test set (repeats without several seeds).
    /// </summary>
    public static RunResult AsResplits(RunResult result) => (result with
    {
        Config = result.Config with { Seeds = [1] },
        Detectors = result.Detectors.Select(r => r with { Split = $"resplit-{r.Seed}", Seed = 1 }).ToArray(),
    }).Summarized();
}
