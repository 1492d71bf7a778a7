using System.Globalization;
using System.Text;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Running;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Datasets;

/// <summary>
/// Trace folders of multi-process strace files (strace -f -tt) read with streams: the file is the decision unit, its pids
/// are the sequences detectors see. Each file: pid 100 loops through five calls, pid 200 through five others, interleaved
/// in a random (seeded) order as a scheduler would; the attack file's pid 200 also runs execve and socket from second 5.
/// </summary>
public sealed class TraceFolderStreamsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string[] First =
        ["read(3, \"x\", 1) = 1", "write(1, \"x\", 1) = 1", "fstat(3, {st_mode=S_IFREG|0644, st_size=1, ...}) = 0", "lseek(3, 0, SEEK_SET) = 0",
            "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7f0000000000"];

    private static readonly string[] Second =
        ["openat(AT_FDCWD, \"/f\", O_RDONLY) = 3", "close(3) = 0", "stat(\"/f\", {st_mode=S_IFREG|0644, st_size=1, ...}) = 0",
            "getdents64(3, 0x5500 /* 2 entries */, 32768) = 48", "brk(NULL) = 0x55b0f2cd2000"];

    private static string StraceFile(int seed, bool attack)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var (a, b) = (0, 0);
        for (var i = 0; i < 120; i++)
        {
            var time = 36_000 + i * 0.1;
            var stamp = TimeSpan.FromSeconds(time).ToString(@"hh\:mm\:ss\.ffffff", CultureInfo.InvariantCulture);
            if (random.Next(2) == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"100 {stamp} {First[a++ % First.Length]}\n");
            }
            else if (attack && i >= 50 && i % 10 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"200 {stamp} {(i % 20 == 0 ? "execve(\"/bin/sh\", [], []) = 0" : "socket(AF_INET, SOCK_STREAM, 0) = 4")}\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"200 {stamp} {Second[b++ % Second.Length]}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Four training files, three normal and one attack test file (attack_start 10:00:05).</summary>
    private string WriteFolder(string? attackStart = "36005")
    {
        var labels = new StringBuilder(attackStart is null ? "file,split,label,family\n" : "file,split,label,family,attack_start\n");
        for (var i = 0; i < 7; i++)
        {
            File.WriteAllText(_temp.Combine($"n{i}.strace"), StraceFile(i, attack: false));
            labels.Append(CultureInfo.InvariantCulture, $"n{i}.strace,{(i < 4 ? "train" : "test")},normal,{(attackStart is null ? "" : ",")}\n");
        }

        File.WriteAllText(_temp.Combine("a0.strace"), StraceFile(99, attack: true));
        labels.Append(CultureInfo.InvariantCulture, $"a0.strace,test,attack,reverse_shell{(attackStart is null ? "" : "," + attackStart)}\n");
        File.WriteAllText(_temp.Combine("labels.csv"), labels.ToString());
        return _temp.Path;
    }

    private static LabeledDataset Load(string folder, RecordingStreams? streams) =>
        TraceFolderDataset.Load(new TraceFolderOptions { Path = folder, Streams = streams }, new DatasetContext("/"));

    [Fact]
    public void GivenStreamsByProcess_WhenLoaded_ThenEachFileIsOneRecordingWithAStreamPerPidAndItsTimes()
    {
        // Given
        var folder = WriteFolder();

        // When
        var dataset = Load(folder, RecordingStreams.Process);

        // Then
        var attack = dataset.Test.Single(t => t.IsAttack);
        Assert.Equal("a0.strace", attack.Id);
        Assert.Equal(120, attack.Length);
        Assert.Equal(["pid 100", "pid 200"], attack.Timeline!.Streams.Order());
        Assert.Equal(5.0, attack.Timeline.AttackStart!.Value, 9);
        Assert.Equal(0, attack.Timeline.Times![0]);
        Assert.Equal(2, DetectorSequences.StreamsOf(attack).Count);
        Assert.Contains(dataset.Provenance.Notes, n => n.StartsWith("strace files read as recordings", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenOtherInterleavingsOfTheSameProcesses_WhenStideFitsPerProcessStreams_ThenNormalsScoreZeroUnlikeOnInterleavedFiles()
    {
        // Given
        var folder = WriteFolder(attackStart: null);
        var byStreams = Load(folder, RecordingStreams.Process);
        var interleaved = Load(folder, null);
        var stide = new StideDetector("stide-4", new StideOptions { WindowLength = 4 });

        // When
        using var onStreams = stide.Fit(DetectorSequences.Of(byStreams.Train), new FitContext(1));
        using var onFiles = stide.Fit(interleaved.Train, new FitContext(1));
        var streamScores = byStreams.Test.Where(t => !t.IsAttack).SelectMany(DetectorSequences.StreamsOf).Select(s => onStreams.Score(s).Value).ToArray();
        var fileScores = interleaved.Test.Where(t => !t.IsAttack).Select(t => onFiles.Score(t).Value).ToArray();

        // Then: every process's own calls were seen in training; the scheduler's interleavings were not all
        Assert.All(streamScores, score => Assert.Equal(0, score));
        Assert.All(fileScores, score => Assert.True(score > 0));
    }

    [Fact]
    public void GivenAFolderOfTimedRecordings_WhenRun_ThenTheFilesAreTheDecisionUnitsAndTheAttackIsDetectedAfterItsStart()
    {
        // Given
        var folder = WriteFolder();
        var config = new ExperimentConfigReader(new DetectorRegistry(DetectorRegistry.CoreDescriptors), DatasetRegistry.Default).Read($$$"""
            name: strace-streams
            dataset: {type: trace-folder, params: {path: {{{folder}}}, streams: process}}
            detectors:
              - {name: stide-3, type: stide, params: {window_length: 3}}
            evaluation: {bootstrap_resamples: 0}
            over_time: {window_calls: 4, context_calls: 2}
            output: {{{_temp.Combine("results")}}}
            """, _temp.Combine("exp.yaml"));

        // When
        var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(config, SilentRunObserver.Instance);

        // Then: one of the 4 training files held out for thresholds; the attack found after 10:00:05
        var result = outcome.Result.Detectors.Single();
        Assert.Equal(["a0.strace", "n4.strace", "n5.strace", "n6.strace"], result.Scores.Select(s => s.TraceId));
        Assert.Equal(1.0, result.Evaluation.RocAuc);
        var overTime = result.OverTime!;
        Assert.StartsWith("1 of the 4 training recordings, held out", overTime.ThresholdSource, StringComparison.Ordinal);
        Assert.Equal(1.0, overTime.Default.Outcome.DetectionRate);
        Assert.InRange(overTime.Default.Outcome.Latencies.Single(), 0, 1.1);
    }

    [Theory]
    [InlineData("file,split,label,family,attack_start\nn0.strace,train,normal,,3\n", "normal trace 'n0.strace' has an attack_start")]
    [InlineData("file,split,label,family,attack_start\nn0.strace,train,normal,,\na0.strace,test,attack,x,soon\n", "attack_start must be a time in seconds")]
    public void GivenABadAttackStart_WhenLoaded_ThenTheErrorNamesTheLine(string labels, string expected)
    {
        // Given
        WriteFolder();
        File.WriteAllText(_temp.Combine("labels.csv"), labels);

        // When
        var error = Assert.Throws<DatasetException>(() => Load(_temp.Path, RecordingStreams.Process));

        // Then
        Assert.Contains(expected, error.Message);
        Assert.StartsWith(_temp.Combine("labels.csv") + ":", error.Message);
    }

    [Fact]
    public void GivenAnAttackStartWithoutStreams_WhenLoaded_ThenItIsRefusedBecausePlainTracesKeepNoTimes()
    {
        // Given
        var folder = WriteFolder();

        // When
        var error = Assert.Throws<DatasetException>(() => Load(folder, null));

        // Then
        Assert.Contains("attack_start is only used with streams", error.Message);
    }
}
