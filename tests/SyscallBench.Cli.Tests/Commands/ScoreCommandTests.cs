using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SyscallBench.Cli.Tests.Commands;

/// <summary>`score` end to end: fit a model on a small trace folder, then score strace text on standard input.</summary>
[Collection("Cli")]
public sealed partial class ScoreCommandTests : IDisposable
{
    // x86-64 numbers: read 0, write 1, close 3, fstat 5, mmap 9, openat 257. The normal program opens, stats,
    // maps, reads, writes and closes files; the odd one connects a socket and duplicates it onto its stdio.
    private static readonly string[] NormalLoop = ["openat", "fstat", "mmap", "read", "read", "write", "close"];
    private static readonly int[] NormalLoopNumbers = [257, 5, 9, 0, 0, 1, 3];

    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-score-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Cache => Path.Combine(_temp, "cache");

    /// <summary>A trace folder (plain x86-64 numbers), an experiment with stide-3 on it, run: the model folder.</summary>
    private string FitStideOnTraceFolder() => Path.Combine(RunStideOnTraceFolder(split: null), "models", "stide-3");

    /// <summary>The run folder of stide-3 on the trace folder (20 train, 10 test normals, 1 attack), with an optional split: section.</summary>
    private string RunStideOnTraceFolder(string? split)
    {
        var folder = Path.Combine(_temp, "traces");
        Directory.CreateDirectory(folder);
        var labels = new StringBuilder("file,split,label,family\n");
        for (var i = 0; i < 30; i++)
        {
            var repeats = 5 + (i % 4);
            var calls = Enumerable.Repeat(NormalLoopNumbers, repeats).SelectMany(c => c);
            File.WriteAllText(Path.Combine(folder, $"n{i}.txt"), string.Join(" ", calls));
            labels.Append(CultureInfo.InvariantCulture, $"n{i}.txt,{(i < 20 ? "train" : "test")},normal,\n");
        }

        File.WriteAllText(Path.Combine(folder, "a0.txt"), "257 5 41 42 33 33 59");
        labels.Append("a0.txt,test,attack,reverse_shell\n");
        File.WriteAllText(Path.Combine(folder, "labels.csv"), labels.ToString());
        var experiment = Path.Combine(_temp, "score-test.yaml");
        File.WriteAllText(experiment, $$$"""
            name: score-test
            dataset: {type: trace-folder, params: {path: traces}}
            detectors:
              - {name: stide-3, type: stide, params: {window_length: 3}}
            evaluation: {bootstrap_resamples: 0}
            seeds: [1]
            {{{(split is null ? "" : "split: " + split)}}}
            output: {{{Path.Combine(_temp, "results")}}}
            """);
        var (exitCode, output) = CliHarness.Run(experiment);
        Assert.True(exitCode == 0, output);
        return Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "score-test")));
    }

    /// <summary>stide-3 fitted on a small synthetic dataset (made-up syscall numbers), run: the model folder.</summary>
    private string FitStideOnSyntheticData()
    {
        var experiment = Path.Combine(_temp, "synthetic.yaml");
        File.WriteAllText(experiment, $$$"""
            name: synthetic-score
            dataset: {type: synthetic, params: {seed: 5, train_traces: 40, test_normal_traces: 40, attack_traces_per_family: 5}}
            detectors: [{name: stide-3, type: stide, params: {window_length: 3}}]
            evaluation: {bootstrap_resamples: 0}
            output: {{{Path.Combine(_temp, "results")}}}
            """);
        var (exitCode, output) = CliHarness.Run(experiment);
        Assert.True(exitCode == 0, output);
        return Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "synthetic-score"))), "models", "stide-3");
    }

    /// <summary>strace -f -tt output: pid 100 runs the normal loop, pid 200 starts normally then opens a reverse shell.</summary>
    private static string StraceText(bool withReverseShell = true)
    {
        var lines = new List<string>();
        var time = 36_000.0;
        void Line(int pid, string text)
        {
            time += 0.001;
            lines.Add($"{pid}  {TimeSpan.FromSeconds(time):hh\\:mm\\:ss\\.ffffff} {text}");
        }

        for (var round = 0; round < 6; round++)
        {
            foreach (var name in NormalLoop)
            {
                Line(100, $"{name}(3, \"\", 4096) = 0");
                if (round < 2 && withReverseShell)
                {
                    Line(200, $"{name}(3, \"\", 4096) = 0");
                }
            }
        }

        foreach (var call in !withReverseShell ? [] : new[] { "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3", "connect(3, {sa_family=AF_INET, sin_port=htons(4444), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
                     "dup2(3, 0) = 0", "dup2(3, 1) = 1", "dup2(3, 2) = 2", "execve(\"/bin/sh\", [\"sh\", \"-i\"], 0x7ffd /* 20 vars */) = 0" })
        {
            Line(200, call);
        }

        if (withReverseShell)
        {
            Line(200, "+++ exited with 0 +++");
        }

        Line(100, "+++ exited with 0 +++");
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void GivenStraceOnStandardInput_WhenScoredAsJsonLines_ThenTheReverseShellWindowAlertsWithItsNeverSeenCalls()
    {
        var model = FitStideOnTraceFolder();

        // When strace text arrives on standard input
        var (exitCode, output) = CliHarness.RunWithInput(StraceText(),
            "score", "--model", model, "-", "--window-calls", "7", "--format", "jsonl", "--cache", Cache);

        // Then every stdout line is one JSON object, starting with the calibration on the run's 10 test normals
        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var calibration = lines[0];
        Assert.Equal("calibration", calibration.GetProperty("type").GetString());
        Assert.Contains("10 normal traces of the test split", calibration.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.False(calibration.GetProperty("cached").GetBoolean());
        Assert.Equal(0.0, calibration.GetProperty("threshold").GetDouble());

        // And only pid 200's last windows alert, naming the calls training never saw
        string Type(JsonElement e) => e.GetProperty("type").GetString()!;
        var alerts = lines.Where(l => Type(l) == "alert").ToArray();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal("pid200", a.GetProperty("process").GetString()));
        Assert.DoesNotContain(lines, l => Type(l) == "alert" && l.GetProperty("index").GetInt32() == 0);
        var unseen = alerts.SelectMany(a => a.GetProperty("explanation").GetProperty("unseen_syscall_names").EnumerateArray()).Select(n => n.GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "socket", "connect", "dup2", "execve" }, unseen);
        Assert.Contains(alerts, a => a.GetProperty("explanation").GetProperty("top_calls").GetArrayLength() > 0);

        // And both processes end (exit lines) with a trace score; pid 100 has 6 windows and no alerts
        var traces = lines.Where(l => Type(l) == "trace").ToDictionary(l => l.GetProperty("process").GetString()!);
        Assert.Equal((6, 0), (traces["pid100"].GetProperty("windows").GetInt32(), traces["pid100"].GetProperty("alerts").GetInt32()));
        Assert.Equal(0.0, traces["pid100"].GetProperty("trace_score").GetDouble());
        Assert.True(traces["pid200"].GetProperty("trace_score").GetDouble() > 0);
        Assert.All(traces.Values, t => Assert.Equal("exited", t.GetProperty("end").GetString()));
        Assert.Equal("summary", Type(lines[^1]));

        // And no numbering warning: the trace folder declares x86-64 (its default architecture), like strace's
        Assert.DoesNotContain("numbering", CliHarness.Error.ToString(), StringComparison.Ordinal);

        // When scored again as a table, the calibration comes from the cache and the alert is printed with its calls
        var (againExit, table) = CliHarness.RunWithInput(StraceText(), "score", "--model", model, "-", "--window-calls", "7", "--cache", Cache);
        Assert.True(againExit == 0, table);
        Assert.Contains("(cached)", table, StringComparison.Ordinal);
        Assert.Contains("ALERT pid200", table, StringComparison.Ordinal);
        Assert.Contains("never seen in training: socket, connect, dup2", table, StringComparison.Ordinal);
        Assert.DoesNotContain("ALERT pid100", table, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAModelOfAReSplit_WhenScored_ThenTheThresholdIsSetOnThatSplitsTestNormalsNotTheDatasetsOfficialOnes()
    {
        // Given two re-splits of the 30 normals, half of them in test: models/resplit-N/stide-3, each fitted
        // on 15 normals of which some are official test normals
        var run = RunStideOnTraceFolder("{protocol: resplit, k: 2, seed: 3, test_fraction: 0.5}");
        var model = Path.Combine(run, "models", "resplit-2", "stide-3");
        using var splitJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "splits", "resplit-2.json")));
        var testIds = splitJson.RootElement.GetProperty("test_ids").EnumerateArray().Select(i => i.GetString()).ToArray();

        // When standard input is scored with the model of re-split 2
        var (exitCode, output) = CliHarness.RunWithInput(StraceText(), "score", "--model", model, "-", "--window-calls", "7",
            "--format", "jsonl", "--cache", Cache);

        // Then the threshold came from re-split 2's 15 test normals (its test ids less the attack), not the dataset's 10
        Assert.True(exitCode == 0, output);
        Assert.Equal(16, testIds.Length);
        var source = JsonDocument.Parse(output.Split('\n')[0]).RootElement.GetProperty("source").GetString();
        Assert.Contains("the 15 normal traces of the test split", source, StringComparison.Ordinal);
        Assert.Contains("split 'resplit-2'", source, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAModelOfAnotherNumbering_WhenScoringStrace_ThenItRefusesWithAClearMessage()
    {
        // Given a model fitted on the synthetic dataset (made-up numbers)
        var model = FitStideOnSyntheticData();

        // When strace text is scored with it
        var (exitCode, output) = CliHarness.RunWithInput(StraceText(), "score", "--model", model, "-", "--cache", Cache);

        // Then exit 1, saying why, and no calibration was cached
        Assert.Equal(1, exitCode);
        Assert.Contains("meaningless", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Cache));
    }

    [Fact]
    public void GivenCalibrationTracesOfAnotherNumberingThanTheModel_WhenScoring_ThenItRefusesWithAClearMessage()
    {
        // Given a model of made-up numbers (synthetic), a --calibrate folder of strace logs (x86-64), and an input of
        // bare numbers, whose numbering cannot be told
        var model = FitStideOnSyntheticData();
        var calibration = Path.Combine(_temp, "calibration");
        Directory.CreateDirectory(calibration);
        File.WriteAllText(Path.Combine(calibration, "normal.strace"), StraceText(withReverseShell: false));
        var input = Path.Combine(_temp, "input.txt");
        File.WriteAllText(input, "1 2 3 4 5 6 7 8");

        // When
        var (exitCode, output) = CliHarness.Run("score", "--model", model, input, "--calibrate", calibration, "--cache", Cache);

        // Then exit 1, naming the calibration traces, and nothing was calibrated
        Assert.Equal(1, exitCode);
        Assert.Contains("--calibrate", output, StringComparison.Ordinal);
        Assert.Contains("meaningless", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Cache));
    }

    [Fact]
    public void GivenAMultiProcessCalibrationFile_WhenTheProcessCapChanges_ThenCalibrationEvictsAsScoringDoesAndIsNotReusedFromTheCache()
    {
        // Given a calibration file in which two processes interleave
        var model = FitStideOnTraceFolder();
        var calibration = Path.Combine(_temp, "calibration");
        Directory.CreateDirectory(calibration);
        File.WriteAllText(Path.Combine(calibration, "two.strace"), StraceText());

        int CalibrationWindows(string maxProcesses)
        {
            var (exitCode, output) = CliHarness.RunWithInput(StraceText(), "score", "--model", model, "-", "--window-calls", "7",
                "--calibrate", calibration, "--max-processes", maxProcesses, "--format", "jsonl", "--cache", Cache);
            Assert.True(exitCode == 0, output);
            var first = JsonDocument.Parse(output.Split('\n')[0]).RootElement;
            Assert.False(first.GetProperty("cached").GetBoolean());
            return first.GetProperty("windows").GetInt32();
        }

        // When calibrated following both processes, then one at a time (each switch ends the other early)
        var both = CalibrationWindows("1024");
        var one = CalibrationWindows("1");

        // Then one process at a time cuts more, shorter windows, as scoring with that cap does
        Assert.Equal(9, both);
        Assert.True(one > both, $"{one} windows with one process at a time, {both} with both");
    }

    [Fact]
    public void GivenTimeWindowsWithoutTimedCalibrationTraces_WhenScoring_ThenItSaysWhatToGive()
    {
        var model = FitStideOnTraceFolder();
        var (exitCode, output) = CliHarness.RunWithInput(StraceText(), "score", "--model", model, "-", "--window-seconds", "1", "--cache", Cache);
        Assert.Equal(1, exitCode);
        Assert.Contains("--calibrate", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTimeWindowsAndATimedCalibrationFolder_WhenScoringStandardInput_ThenTheThresholdComesFromThatFolderAndTheShellAlerts()
    {
        // Given a calibration folder with timed strace logs of the normal program only (gzip, like the sample)
        var model = FitStideOnTraceFolder();
        var calibration = Path.Combine(_temp, "calibration");
        Directory.CreateDirectory(calibration);
        for (var i = 0; i < 3; i++)
        {
            using var file = new System.IO.Compression.GZipStream(File.Create(Path.Combine(calibration, $"normal{i}.strace.gz")), System.IO.Compression.CompressionLevel.Fastest);
            file.Write(Encoding.UTF8.GetBytes(StraceText(withReverseShell: false)));
        }

        // When standard input is scored in windows of 5 ms (5 calls at 1 ms per line)
        var (exitCode, output) = CliHarness.RunWithInput(StraceText(), "score", "--model", model, "-", "--window-seconds", "0.005",
            "--calibrate", calibration, "--format", "jsonl", "--cache", Cache);

        // Then the calibration line names the folder, and only pid 200 alerts
        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Contains("the 3 files under", lines[0].GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("0.005 s", lines[0].GetProperty("window").GetString(), StringComparison.Ordinal);
        var alerts = lines.Where(l => l.GetProperty("type").GetString() == "alert").ToArray();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal("pid200", a.GetProperty("process").GetString()));
        Assert.All(alerts, a => Assert.True(a.GetProperty("end").GetDouble() - a.GetProperty("start").GetDouble() < 0.005));
    }

    /// <summary>stide-10 fitted on datasets/strace-sample (the committed recording): the model folder, the experiment and the sample folder.</summary>
    private (string Model, string Experiment, string Sample) FitStide10OnTheStraceSample()
    {
        var experiment = Path.Combine(_temp, "sample.yaml");
        var sample = Path.Combine(CliHarness.RepositoryRoot, "datasets", "strace-sample");
        File.WriteAllText(experiment, $$$"""
            name: sample-score
            dataset: {type: trace-folder, params: {path: {{{sample}}}}}
            detectors: [{name: stide-10, type: stide, params: {window_length: 10}}]
            evaluation: {bootstrap_resamples: 0}
            output: {{{Path.Combine(_temp, "results")}}}
            """);
        var (runExit, runOutput) = CliHarness.Run(experiment);
        Assert.True(runExit == 0, runOutput);
        var model = Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "sample-score"))), "models", "stide-10");
        return (model, experiment, sample);
    }

    [Fact]
    public void GivenAStideModelOfTheCommittedStraceSample_WhenScoringItsReverseShellFolder_ThenSomeProcessesAlert()
    {
        // Given stide-10 fitted on datasets/strace-sample (the committed recording)
        var (model, _, sample) = FitStide10OnTheStraceSample();

        // When its attack folder is scored (files, a folder input)
        var (exitCode, output) = CliHarness.Run("score", "--model", model, Path.Combine(sample, "attack"), "--cache", Cache);

        // Then the threshold was set on the run's 207 test normals, and 180 processes were scored, some alerting
        Assert.True(exitCode == 0, output);
        Assert.Contains("the 207 normal traces of the test split", output, StringComparison.Ordinal);
        Assert.Contains("ALERT reverse_shell-", output, StringComparison.Ordinal);
        Assert.Matches(@"180 processes, \d+ windows, [1-9]\d* alerts", output);
    }

    [Fact]
    public void GivenLiveInput_WhenCtrlCIsPressed_ThenWhatWasReadIsSummarisedAndTheExitCodeIs0()
    {
        // Given a model, and strace output that keeps coming after Ctrl-C (as a live pipe would)
        var model = FitStideOnTraceFolder();
        using var interrupt = new CancellationTokenSource();
        var lines = StraceText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var input = new InterruptingReader(lines, afterLine: 20, interrupt);

        // When the first Ctrl-C comes after 20 lines
        var (exitCode, output) = CliHarness.RunWithInput(input, interrupt.Token,
            "score", "--model", model, "-", "--window-calls", "7", "--cache", Cache);

        // Then the processes read so far are summarised, without the `run` command's message (issue #18, case 11)
        Assert.True(exitCode == 0, output);
        Assert.Contains("interrupted (Ctrl-C)", output + CliHarness.Error, StringComparison.Ordinal);
        Assert.Contains("pid100", output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote no run folder", output, StringComparison.Ordinal);
        Assert.True(input.LinesRead < lines.Length, "reading stopped at the interrupt");
    }

    [LinuxOrMacFact]
    public void GivenAPipeWhoseReaderClosed_WhenAsked_ThenStandardOutputCountsAsClosed()
    {
        // Given a pipe, and its reading end closed (what `| head -2` does after two lines)
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        var writeEnd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        Assert.False(Console.StandardOutput.IsClosed(writeEnd));
        pipe.DisposeLocalCopyOfClientHandle();

        // When asked, Then the writing end is seen as read by nobody
        Assert.True(Console.StandardOutput.IsClosed(writeEnd));
    }

    /// <summary>
    /// Standard input that hands out one line per read, cancels <paramref name="interrupt"/> after
    /// <paramref name="afterLine"/> lines, and goes on giving lines.
    /// </summary>
    private sealed class InterruptingReader(string[] lines, int afterLine, CancellationTokenSource interrupt) : TextReader
    {
        public int LinesRead { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            if (LinesRead == afterLine)
            {
                interrupt.Cancel();
            }

            if (LinesRead >= lines.Length)
            {
                return 0;
            }

            var line = lines[LinesRead++] + "\n";
            line.CopyTo(0, buffer, index, Math.Min(count, line.Length));
            return Math.Min(count, line.Length);
        }

        public override int Read(Span<char> buffer)
        {
            var array = new char[buffer.Length];
            var read = Read(array, 0, array.Length);
            array.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
    }
}

public sealed class ScoreTimelineTests
{
    [Fact]
    public void GivenScoresAroundTheThreshold_WhenDrawn_ThenOnlyScoresStrictlyAboveItReachTheUpperLevels()
    {
        // Given normal window scores 0..9 and a threshold of 8
        double[] normal = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

        // When the scores 0, 4.5, 8 (tied with the threshold), 8.5 and 100 are drawn
        var line = Scoring.TableScoreOutput.Sparkline([0, 4.5, 8, 8.5, 100], 8, normal);

        // Then 0 is the lowest level; 4.5 beats half the normals (level 3 of 8); 8 is not above the threshold;
        // 8.5 is just above (level 5); 100 is far above (level 8)
        Assert.Equal("▁▃▄▅█", line);
    }

}

/// <summary>A fact that needs poll(2) on a pipe; skipped elsewhere, saying so.</summary>
public sealed class LinuxOrMacFactAttribute : FactAttribute
{
    public LinuxOrMacFactAttribute()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            Skip = "Broken pipes are detected with poll(2) on Linux and macOS only.";
        }
    }
}
