using System.Globalization;
using System.Text;
using System.Text.Json;
using SyscallBench.Core.Datasets.LidDs;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// The shipped LID-DS experiments run end to end: experiments/lid-ds.yaml on generated scenarios in every layout (the
/// real dataset is downloaded by users), every registered detector on recordings, bad input, and the real sample.
/// </summary>
[Collection("Cli")]
public sealed class LidDsExperimentTests : IDisposable
{
    private const long Epoch = 1_700_000_000_000_000_000;

    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-lidds-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    public enum Layout
    {
        Zips2021,
        Unzipped2021,
        Runs2019,
    }

    /// <summary>
    /// A scenario: 4 training, 2 validation, 2 test normal and 2 exploit recordings; two apache threads serve requests in a
    /// seeded random mix; from 2 s on an exploit recording's thread runs a shell (execve, socket, dup2).
    /// </summary>
    private string Scenario(Layout layout)
    {
        var folder = Path.Combine(_temp, "CVE-2099-0001");
        (string Split, string Name, bool Exploit)[] recordings =
        [
            ("training", "calm_turing_1", false), ("training", "calm_turing_2", false), ("training", "calm_turing_3", false),
            ("training", "calm_turing_4", false), ("validation", "quiet_hopper_1", false), ("validation", "quiet_hopper_2", false),
            ("test/normal", "plain_lovelace_1", false), ("test/normal", "plain_lovelace_2", false),
            ("test/normal_and_attack", "loud_knuth_1", true), ("test/normal_and_attack", "loud_knuth_2", true),
        ];
        if (layout == Layout.Runs2019)
        {
            LidDsWriter.Write2019(folder, recordings
                .Select((r, i) => (new LidDsWriter.Run2019(r.Name, r.Exploit, r.Exploit ? 2 : -1), (Action<TextWriter>)(w => Events(w, i, r.Exploit, is2019: true))))
                .ToArray());
            return folder;
        }

        for (var i = 0; i < recordings.Length; i++)
        {
            var (split, name, exploit) = recordings[i];
            var metadata = LidDsWriter.Metadata2021(exploit, exploit ? (Epoch + 2_000_000_000) / 1_000_000_000m : null);
            var index = i;
            if (layout == Layout.Zips2021)
            {
                LidDsWriter.WriteZip2021(Path.Combine(folder, split), name, metadata, w => Events(w, index, exploit, is2019: false));
            }
            else
            {
                LidDsWriter.WriteUnzipped2021(Path.Combine(folder, split), name, metadata, w => Events(w, index, exploit, is2019: false));
            }
        }

        return folder;
    }

    private static void Events(TextWriter writer, int seed, bool exploit, bool is2019)
    {
        string[] request = ["epoll_wait", "accept", "read", "stat", "open", "fstat", "read", "close", "writev", "shutdown", "poll", "close"];
        string[] shell = ["execve", "socket", "dup2", "dup2", "connect"];
        var random = new Random(seed);
        var position = new[] { 0, 0 };
        var line = 0L;
        for (var k = 0; k < 400; k++)
        {
            var thread = random.Next(2);
            var time = k * 10_000_000L; // 10 ms apart: 4 s
            var call = exploit && thread == 1 && time >= 2_000_000_000 && k % 3 == 0
                ? shell[k / 3 % shell.Length]
                : request[position[thread]++ % request.Length];
            foreach (var direction in new[] { '>', '<' })
            {
                var at = time + (direction == '<' ? 1000 : 0);
                writer.WriteLine(is2019
                    ? LidDsWriter.Line2019(++line, 12 * 3_600_000_000_000L + at, 300 + thread, "apache2", call, direction)
                    : LidDsWriter.Line2021(Epoch + at, 300 + thread, 300 + thread, "apache2", call, direction));
            }
        }
    }

    /// <summary>experiments/FILE with its dataset path replaced, written into the temp folder.</summary>
    private string Experiment(string file, string path)
    {
        var yaml = File.ReadAllLines(CliHarness.Experiment(file))
            .Select(l => l.TrimStart().StartsWith("path:", StringComparison.Ordinal) ? $"    path: {path}" : l);
        var copy = Path.Combine(_temp, file);
        File.WriteAllText(copy, string.Join("\n", yaml) + "\n");
        return copy;
    }

    [Theory]
    [InlineData(Layout.Zips2021)]
    [InlineData(Layout.Unzipped2021)]
    [InlineData(Layout.Runs2019)]
    public void GivenTheShippedExperimentOnAGeneratedScenario_WhenRun_ThenEachRecordingIsScoredAndJudgedOverTime(Layout layout)
    {
        // Given
        var scenario = Scenario(layout);
        var experiment = Experiment("lid-ds.yaml", scenario);
        if (layout == Layout.Runs2019)
        {
            File.WriteAllText(experiment, File.ReadAllText(experiment).Replace("    streams: thread", "    streams: thread\n    train_runs: 4\n    validation_runs: 2", StringComparison.Ordinal));
        }

        // When
        var (exitCode, output) = CliHarness.Run(experiment, "--output", Path.Combine(_temp, "results"));

        // Then
        Assert.True(exitCode == 0, output);
        Assert.Contains("4 train, 2 normal + 2 attack test traces", output, StringComparison.Ordinal);
        Assert.Contains("over time: 2 attack recordings", output, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "lid-ds")));
        var scores = File.ReadAllLines(Path.Combine(run, "scores.csv"));
        Assert.Equal(1 + 4 * 4, scores.Length);
        Assert.Contains(scores, l => l.StartsWith("loud_knuth_1,attack,CVE-2099-0001,", StringComparison.Ordinal));
        using var overTime = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "over_time.json")));
        Assert.Equal(4, overTime.RootElement.GetProperty("results").GetArrayLength());
        var stide = overTime.RootElement.GetProperty("results")[0].GetProperty("over_time").GetProperty("budgets")[0].GetProperty("outcome");
        Assert.Equal(2, stide.GetProperty("detected").GetInt32());
        Assert.Contains("id=\"over-time\"", File.ReadAllText(Path.Combine(run, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenEveryRegisteredDetector_WhenRunOnRecordings_ThenEachGivesOneScorePerRecordingAndATimeAwareEvaluation()
    {
        // Given: one detector of every registered type, the ensemble last (it combines earlier ones)
        var scenario = Scenario(Layout.Zips2021);
        var types = AllDetectorsContractSubjects.Registry.Types.OrderBy(t => t == "ensemble").ToArray();
        var detectors = new StringBuilder();
        foreach (var type in types)
        {
            // The scenario trains on 8 thread streams, fewer than PCA's default rank of 20 (ML.NET's randomized PCA then
            // returns NaN eigenvectors): a rank the data can give.
            IReadOnlyDictionary<string, string> options = type == "pca"
                ? new Dictionary<string, string> { ["rank"] = "4" }
                : AllDetectorsContractSubjects.FastOptions.GetValueOrDefault(type) ?? new Dictionary<string, string>();
            detectors.Append(CultureInfo.InvariantCulture,
                $"  - {{name: {type}, type: {type}, params: {{{string.Join(", ", options.Select(o => $"{o.Key}: {o.Value}"))}}}}}\n");
        }

        var experiment = Path.Combine(_temp, "all.yaml");
        File.WriteAllText(experiment, $"name: all-detectors\ndataset: {{type: lid-ds, params: {{path: {scenario}}}}}\ndetectors:\n{detectors}"
            + "over_time: {window_calls: 20, context_calls: 6}\nevaluation: {bootstrap_resamples: 0}\nsave_models: false\n");

        // When
        var (exitCode, output) = CliHarness.Run(experiment, "--output", Path.Combine(_temp, "results"));

        // Then
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "all-detectors")));
        var rows = File.ReadAllLines(Path.Combine(run, "scores.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        foreach (var type in types)
        {
            Assert.Equal(4, rows.Count(r => r[4] == type));
        }

        using var overTime = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "over_time.json")));
        Assert.Equal(types, overTime.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("detector").GetString()));
    }

    [Fact]
    public void GivenAScenarioWithAMalformedLine_WhenRun_ThenTheErrorNamesTheFileAndLineExitCodeIs1AndNoRunFolderIsLeft()
    {
        // Given
        var scenario = Scenario(Layout.Unzipped2021);
        var events = Path.Combine(scenario, "test", "normal", "plain_lovelace_2", "plain_lovelace_2.sc");
        File.AppendAllText(events, "1700000009000000000 0 300 apache2\n");
        var experiment = Experiment("lid-ds.yaml", scenario);

        // When
        var (exitCode, output) = CliHarness.Run(experiment, "--output", Path.Combine(_temp, "results"));

        // Then
        Assert.Equal(1, exitCode);
        Assert.Contains("plain_lovelace_2.sc:801: no direction field", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp, "results", "lid-ds")) && Directory.EnumerateFileSystemEntries(Path.Combine(_temp, "results", "lid-ds")).Any());
    }

    [LidDsSampleFact]
    public void GivenTheSampleExperiment_WhenTheRealSampleIsThere_ThenItRunsAndDrawsTheRecordingWithItsExploitStart()
    {
        // When: the shipped file as it is, its path relative to experiments/
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("lid-ds-sample.yaml"), "--output", Path.Combine(_temp, "results"));

        // Then
        Assert.True(exitCode == 0, output);
        Assert.Contains("5 train, 3 normal + 8 attack test traces", output, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "lid-ds-sample")));
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("most anomalous attack #1: aggressive_nightingale_1018 (victim_bruteforce)", report, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"exploit start\"", report, StringComparison.Ordinal);
    }
}

/// <summary>A fact that runs only where ../shared holds the LID-DS sample (as experiments/lid-ds-sample.yaml expects), saying so when skipped.</summary>
public sealed class LidDsSampleFactAttribute : FactAttribute
{
    public static string SamplePath { get; } =
        Path.GetFullPath(Path.Combine(CliHarness.RepositoryRoot, "..", "shared", "datasets", "lid-ds-2021-sample", "aggressive_nightingale_1018.zip"));

    public LidDsSampleFactAttribute()
    {
        if (!File.Exists(SamplePath))
        {
            Skip = $"the LID-DS sample is not at {SamplePath} (experiments/lid-ds-sample.yaml reads it there); real-data test skipped.";
        }
    }
}
