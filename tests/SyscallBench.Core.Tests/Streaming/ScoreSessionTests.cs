using System.Globalization;
using System.Text;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Running;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Tests.Datasets.LidDs;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Streaming;

/// <summary>`score`'s policy without the console: which normal traces set the threshold, numbering checks, the calibration cache.</summary>
public sealed partial class ScoreSessionTests : IDisposable
{
    // x86-64 numbers of a small program: openat, fstat, mmap, read, read, write, close.
    private static readonly int[] NormalLoop = [257, 5, 9, 0, 0, 1, 3];

    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-session-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static DetectorRegistry Detectors { get; } = new(DetectorRegistry.CoreDescriptors);

    private static ExperimentConfigReader ConfigReader => new(Detectors, DatasetRegistry.Default);

    private string Cache => Path.Combine(_temp, "cache");

    /// <summary>stide-3 fitted in a run on <paramref name="dataset"/>; returns its model folder.</summary>
    private string FitStide(string dataset)
    {
        var experiment = Path.Combine(_temp, "experiment.yaml");
        var config = ConfigReader.Read($$"""
            name: session
            dataset: {{dataset}}
            detectors: [{name: stide-3, type: stide, params: {window_length: 3} }]
            evaluation: {bootstrap_resamples: 0}
            output: {{Path.Combine(_temp, "results")}}
            """, experiment);
        var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(config, SilentRunObserver.Instance);
        return Path.Combine(outcome.Directory, "models", "stide-3");
    }

    /// <summary>A trace folder of the normal loop in x86-64 numbers (20 train, 10 test normals, one attack).</summary>
    private string TraceFolderDataset()
    {
        var folder = Path.Combine(_temp, "traces");
        Directory.CreateDirectory(folder);
        var labels = new StringBuilder("file,split,label,family\n");
        for (var i = 0; i < 30; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"n{i}.txt"), string.Join(" ", Enumerable.Repeat(NormalLoop, 5 + (i % 4)).SelectMany(c => c)));
            labels.Append(CultureInfo.InvariantCulture, $"n{i}.txt,{(i < 20 ? "train" : "test")},normal,\n");
        }

        File.WriteAllText(Path.Combine(folder, "a0.txt"), "257 5 41 42 33 33 59");
        labels.Append("a0.txt,test,attack,reverse_shell\n");
        File.WriteAllText(Path.Combine(folder, "labels.csv"), labels.ToString());
        return "{type: trace-folder, params: {path: traces} }";
    }

    /// <summary>A folder of strace logs of the normal loop (one process each, the given pids).</summary>
    private string StraceFolder(string name, params int[] pids)
    {
        var folder = Path.Combine(_temp, name);
        Directory.CreateDirectory(folder);
        string[] names = ["openat", "fstat", "mmap", "read", "read", "write", "close"];
        foreach (var pid in pids)
        {
            var lines = Enumerable.Range(0, 6).SelectMany(_ => names).Select(n => $"{pid} {n}(3) = 0").Append($"{pid} +++ exited with 0 +++");
            File.WriteAllLines(Path.Combine(folder, $"p{pid}.strace"), lines);
        }

        return folder;
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>stide-3 fitted in a run on the standard LID-DS 2021 test scenario (zips, thread streams); returns its model folder and the scenario.</summary>
    private (string Model, string Scenario) FitStideOnRecordings()
    {
        var scenario = LidDsScenarios.Write2021(_temp, LidDsScenarios.Storage.Zips);
        return (FitStide($"{{type: lid-ds, params: {{path: {scenario}, streams: thread}} }}"), scenario);
    }

    /// <summary>The .sc lines of a scenario recording, as `record -` writes them.</summary>
    private static string ScLines(LidDsScenarios.Recording recording)
    {
        var text = new StringWriter();
        LidDsScenarios.WriteEvents2021(text, recording);
        return text.ToString();
    }

    private ScoreSession Open(ScoreRequest request, List<string>? warnings = null) =>
        ScoreSession.Open(request with { CacheDirectory = Cache }, Detectors, ConfigReader, w => warnings?.Add(w));

    [Fact]
    public void GivenAModelOfItsRun_WhenOpened_ThenTheThresholdIsSetOnTheRunsNormalTestTraces_AndTheSecondOpenReusesIt()
    {
        // Given
        var model = FitStide(TraceFolderDataset());
        var request = new ScoreRequest(model, Input: null, new WindowSpec(10, null));

        // When
        using var first = Open(request);
        using var second = Open(request);

        // Then the 10 normal test traces calibrate, x86-64 names are known, and the second comes from the cache
        Assert.Contains("the 10 normal traces of the test split", first.Calibration.Source, StringComparison.Ordinal);
        Assert.Equal(10, first.Calibration.Traces);
        Assert.False(first.CalibrationCached);
        Assert.True(second.CalibrationCached);
        Assert.Equal(first.Calibration.Scores, second.Calibration.Scores);
        Assert.Equal("openat", first.Names!.NameOf(257));
        Assert.Equal(first.Calibration.ThresholdAt(0.01), first.Threshold);
    }

    [Fact]
    public void GivenAModelOfMadeUpNumbers_WhenOpenedForStraceInput_ThenItRefusesNamingBothNumberings()
    {
        var model = FitStide("{type: synthetic, params: {seed: 5, train_traces: 20, test_normal_traces: 20, attack_traces_per_family: 2} }");

        var error = Assert.Throws<SyscallBenchException>(() => Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null))));

        Assert.Contains("dataset type 'synthetic' (synthetic syscall numbers)", error.Message, StringComparison.Ordinal);
        Assert.Contains("the input traces are strace output or syscall names (x86-64 numbers)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAModelOutsideARunFolder_WhenOpenedWithoutCalibrationTraces_ThenItSaysToGiveThem()
    {
        var model = FitStide(TraceFolderDataset());
        var loose = Path.Combine(_temp, "loose-model");
        Directory.CreateDirectory(loose);
        foreach (var file in Directory.GetFiles(model))
        {
            File.Copy(file, Path.Combine(loose, Path.GetFileName(file)));
        }

        var error = Assert.Throws<SyscallBenchException>(() => Open(new ScoreRequest(loose, Input: null, new WindowSpec(10, null))));

        Assert.Equal($"{loose}: not inside a run folder (RUN_DIR/models/NAME), so there are no normal test traces to set the threshold on; "
            + "give --calibrate FOLDER with known-normal traces.", error.Message);
    }

    [Fact]
    public void GivenCalibrationFiles_WhenTheProcessCapChanges_ThenTheCalibrationIsComputedAgain()
    {
        // Given calibration logs of three processes in one folder
        var model = FitStide(TraceFolderDataset());
        var calibration = StraceFolder("calibration", 100, 200, 300);
        var request = new ScoreRequest(model, Input: null, new WindowSpec(10, null)) { Calibrate = [calibration] };

        // When opened twice with one cap, then with another
        using var first = Open(request);
        using var again = Open(request);
        using var capped = Open(request with { MaxProcesses = 2 });

        // Then the cap is part of the cache key
        Assert.Contains("(--calibrate), taken as normal", first.Calibration.Source, StringComparison.Ordinal);
        Assert.Equal(3, first.Calibration.Traces);
        Assert.True(again.CalibrationCached);
        Assert.False(capped.CalibrationCached);
    }

    [Fact]
    public void GivenStraceOnStandardInput_WhenScored_ThenEveryProcessEndsInTheSinkWithItsWindows()
    {
        // Given
        var model = FitStide(TraceFolderDataset());
        using var session = Open(new ScoreRequest(model, Input: null, new WindowSpec(7, null)));
        var text = File.ReadAllText(Path.Combine(StraceFolder("input", 100), "p100.strace"))
            + string.Join("\n", ["200 openat(3) = 0", "200 socket(2) = 4", "200 connect(4) = 0", "200 dup2(4, 0) = 0", "200 dup2(4, 1) = 1",
                "200 execve(\"/bin/sh\") = 0", "200 read(0) = 1", "200 +++ exited with 0 +++"]) + "\n";
        var sink = new RecordingSink();

        // When
        var (scorer, end) = session.Score(Utf8(text), sink, _ => { });

        // Then both processes ended, the normal one without alerts, the shell with one
        Assert.Equal(["pid100", "pid200"], sink.Ended.Select(e => e.End.Process).Order());
        Assert.Equal(0, sink.Ended.Single(e => e.End.Process == "pid100").Alerts);
        Assert.True(sink.Ended.Single(e => e.End.Process == "pid200").Alerts > 0);
        Assert.Equal(sink.Windows.Count, scorer.Windows);
        Assert.Equal(ScoreEnd.InputEnded, end);
    }

    [Fact]
    public void GivenAnOutputNobodyReads_WhenStandardInputIsScored_ThenReadingStopsAfterTheFirstLine()
    {
        // Given a pipe whose reader went away (`score ... | head` after head exited)
        var model = FitStide(TraceFolderDataset());
        using var session = Open(new ScoreRequest(model, Input: null, new WindowSpec(7, null)));
        var input = Utf8(string.Join("\n", Enumerable.Range(0, 1000).Select(i => $"100 read({i}) = 1")) + "\n");

        // When
        var (_, end) = session.Score(input, new RecordingSink(), _ => { }, outputClosed: () => true);

        // Then the rest of the input is left unread
        Assert.Equal(ScoreEnd.OutputClosed, end);
        Assert.True(input.Position < input.Length, $"read {input.Position} of {input.Length} bytes");
    }

    [Fact]
    public void GivenCtrlC_WhenStandardInputIsScored_ThenTheProcessesReadSoFarEndInTheSink()
    {
        // Given input that is cancelled after it has been read (Ctrl-C while strace runs)
        var model = FitStide(TraceFolderDataset());
        using var session = Open(new ScoreRequest(model, Input: null, new WindowSpec(7, null)));
        using var cancellation = new CancellationTokenSource();
        var sink = new RecordingSink { AfterWindow = count => { if (count == 3) { cancellation.Cancel(); } } };
        var input = Utf8(string.Join("\n", Enumerable.Range(0, 100).Select(i => $"100 read({i}) = 1")) + "\n");

        // When
        var (_, end) = session.Score(input, sink, _ => { }, cancellation: cancellation.Token);

        // Then the process ended with the windows read so far, not the 100 calls' windows
        Assert.Equal(ScoreEnd.Interrupted, end);
        Assert.Equal(["pid100"], sink.Ended.Select(e => e.End.Process));
        Assert.InRange(sink.Windows.Count, 3, 5);
    }

    [Fact]
    public void GivenScLinesOnStandardInput_WhenAModelOfARecordingRunScoresThemInSecondWindows_ThenEachThreadIsAStream_AndOnlyTheAttackThreadAlertsFromTheExploitOn()
    {
        // Given stide-3 fitted on thread streams of recordings, calibrated on the run's timed test normals, and an attack
        // recording's .sc lines (the exploit's execve/socket calls in thread 101 from second 3)
        var (model, _) = FitStideOnRecordings();
        using var session = Open(new ScoreRequest(model, Input: null, new WindowSpec(null, 1, ContextCalls: 2)));
        var sink = new RecordingSink();

        // When the lines arrive on standard input, format told by the first line
        var (_, end) = session.Score(Utf8(ScLines(LidDsScenarios.Attack("live"))), sink, _ => { });

        // Then the streams are the threads, named as the dataset names them, and the alerts are thread 101's, after the exploit
        Assert.Equal(ScoreEnd.InputEnded, end);
        Assert.Equal(["httpd tid 100", "httpd tid 101", "httpd tid 102"], sink.Ended.Select(e => e.End.Process).Order());
        var alerts = sink.Windows.Where(w => w.IsAlert).ToArray();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal("httpd tid 101", a.Scored.Window.Process));
        var exploit = LidDsScenarios.Epoch / 1e9 + LidDsScenarios.Recording.ExploitSecond;
        Assert.All(alerts, a => Assert.True(a.Scored.Window.End >= exploit, $"alert window ending at {a.Scored.Window.End} before the exploit at {exploit}"));
    }

    [Fact]
    public void GivenAFolderOfRecordingZipsToCalibrateOn_WhenARecordingZipIsScored_ThenTheThresholdIsSetOnTheirThreadWindows()
    {
        // Given the model and the scenario's validation recordings as the calibration folder
        var (model, scenario) = FitStideOnRecordings();

        // When
        using var session = Open(new ScoreRequest(model, Path.Combine(scenario, "test", "normal_and_attack", "test_attack_a.zip"), new WindowSpec(null, 1))
        {
            Calibrate = [Path.Combine(scenario, "validation")],
        });
        var sink = new RecordingSink();
        session.Score(Stream.Null, sink, _ => { });

        // Then the calibration replayed the two validation recordings' three threads each, and the input's streams are named after the file
        Assert.Equal(6, session.Calibration.Traces);
        Assert.Contains("test_attack_a.zip#httpd tid 101", sink.Ended.Select(e => e.End.Process));
        Assert.Contains(sink.Windows, w => w.IsAlert);
    }

    [Fact]
    public void GivenAModelFittedOnThreadStreams_WhenProcessStreamsAreAsked_ThenItIsRefusedNamingTheOption()
    {
        var (model, _) = FitStideOnRecordings();

        var error = Assert.Throws<SyscallBenchException>(() => Open(new ScoreRequest(model, Input: null, new WindowSpec(7, null)) { Streams = RecordingStreams.Process }));

        Assert.Contains("--streams process", error.Message);
    }

    private sealed class RecordingSink : IScoreSink
    {
        public List<WindowResult> Windows { get; } = [];

        public List<TraceResult> Ended { get; } = [];

        /// <summary>Called with the number of windows so far after each one.</summary>
        public Action<int> AfterWindow { get; init; } = _ => { };

        public void Window(WindowResult result)
        {
            Windows.Add(result);
            AfterWindow(Windows.Count);
        }

        public void TraceEnd(TraceResult result) => Ended.Add(result);
    }
}
