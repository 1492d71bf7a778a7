using System.Runtime.Versioning;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Workers;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Running.Workers;

/// <summary>
/// A fit in another process: the request a run writes, the worker's side (run here in the test's process), and
/// the run's side against stand-in workers (shell scripts speaking the protocol). The real worker, the CLI's
/// `fit-worker`, is tested end to end in the CLI tests (ParallelRunCliTests).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FitWorkerTests : IDisposable
{
    private const string Experiment = """
        name: workers
        dataset: {type: inline}
        detectors: [{name: a, type: counting}, {name: s, type: seeded, params: {bad_syscall: 3}}]
        """;

    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-fitworker-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static ExperimentConfigReader Reader => new(TestComponents.Detectors, TestComponents.Datasets);

    private static IReadOnlyList<Trace> Train { get; } =
    [
        Trace.Normal("train/0", [1, 2, 3, 3], "file-0.txt"),
        Trace.Normal("train/1", [3, 1], "file-1.txt", family: "web"),
        Trace.Normal("train/2", [], "file-2.txt"),
    ];

    [Fact]
    public void GivenARequest_WhenTheWorkerFitsIt_ThenItSavesTheModelAFitHereWouldGiveAndReportsTheFitTime()
    {
        // Given a request for the seeded detector with seed 7 (its scores depend on the seed)
        var config = Reader.Read(Experiment, "exp.yaml");
        var folder = Directory.CreateDirectory(Path.Combine(_temp, "request")).FullName;
        FitWorkerRequest.Write(folder, config, "s", 7, Train);

        // When the worker reads and executes it
        var read = FitWorkerRequest.Read(folder, Reader);
        var output = new StringWriter();
        FitWorker.Execute(folder, Reader, output, CancellationToken.None);

        // Then the request came back whole, and the saved model scores as the model fitted here with the same seed
        Assert.Equal(("s", 7), (read.Detector.Name, read.Seed));
        Assert.Equal(Train.Select(t => (t.Id, string.Join(' ', t.Calls), t.Label, t.Family, t.Source)),
            read.Train.Select(t => (t.Id, string.Join(' ', t.Calls), t.Label, t.Family, t.Source)));
        using var saved = TestComponents.Detectors.Load(read.ModelDirectory);
        using var here = config.Detectors[1].Create().Fit(Train, new FitContext(7));
        var test = TestComponents.Inline(6).Test;
        Assert.Equal(test.Select(t => here.Score(t).Value), test.Select(t => saved.Score(t).Value));
        var last = output.ToString().TrimEnd().Split('\n')[^1].Split('\t');
        Assert.Equal("fitted", last[0]);
        Assert.True(long.Parse(last[1], System.Globalization.CultureInfo.InvariantCulture) >= 0, string.Join(' ', last));
    }

    [Fact]
    public void GivenARequestNamingAnUnknownDetector_WhenRead_ThenTheMessageNamesTheFileAndDetector()
    {
        var config = Reader.Read(Experiment, "exp.yaml");
        var folder = Directory.CreateDirectory(Path.Combine(_temp, "request")).FullName;
        FitWorkerRequest.Write(folder, config, "gone", 1, Train);

        var error = Assert.Throws<SyscallBenchException>(() => FitWorkerRequest.Read(folder, Reader));

        Assert.Contains("request.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'gone'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheRequestFolderOfARunThatIsGone_WhenTheWorkerDeletesIt_ThenItIsRemovedWithTheModelInIt()
    {
        // Given a request folder named as runs name them, with a model saved in it
        var config = Reader.Read(Experiment, "exp.yaml");
        var folder = Directory.CreateDirectory(Path.Combine(_temp, FitWorkerRequest.FolderPrefix + "abc")).FullName;
        FitWorkerRequest.Write(folder, config, "s", 1, Train);
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(FitWorkerRequest.ModelDirectoryOf(folder)).FullName, "model.bin"), "x");

        // When the worker deletes it as abandoned
        var problem = FitWorkerRequest.DeleteAbandoned(folder);

        // Then it is gone
        Assert.Null(problem);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("results", true)] // a request's files, but not a request folder's name
    [InlineData(FitWorkerRequest.FolderPrefix + "abc", false)] // the name, but no request in it
    public void GivenAFolderThatIsNoRequest_WhenAWorkerWouldDeleteItAsAbandoned_ThenItIsLeftAloneAndSaysWhy(string name, bool withRequest)
    {
        // Given a folder the worker's argument could name by mistake, with a file of the user's in it
        var config = Reader.Read(Experiment, "exp.yaml");
        var folder = Directory.CreateDirectory(Path.Combine(_temp, name)).FullName;
        if (withRequest)
        {
            FitWorkerRequest.Write(folder, config, "s", 1, Train);
        }

        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");

        // When the worker would delete it as abandoned
        var problem = FitWorkerRequest.DeleteAbandoned(folder);

        // Then nothing is deleted, and it says why
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));
        Assert.NotNull(problem);
        Assert.Contains(folder, problem, StringComparison.Ordinal);
        Assert.Contains("not a fit request folder", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAWorkerThatReportsProgressAndAModel_WhenARunFitsThroughIt_ThenProgressFitTimeAndModelArriveAndNothingIsLeft()
    {
        // Given a stand-in worker that reports progress, copies a saved model into the request and reports 4242 ticks
        var model = SavedSeededModel();
        var worker = Worker(RecordingTheRequestFolder() + $"""
            printf 'progress\t0.5\thalf way\n'
            printf 'something else it says\n'
            cp -r '{model}' "$2/model"
            printf 'fitted\t4242\n'
            """);
        var progress = new List<FitProgress>();

        // When the run fits through it
        var (fitted, fitTime) = worker.Fit(Reader.Read(Experiment, "exp.yaml"), SeededSpec(), 7, Train,
            new SynchronousProgress<FitProgress>(progress.Add), CancellationToken.None);

        // Then the progress line and fit time arrived, the model is the saved one, and the request folder is gone
        using (fitted)
        {
            Assert.Equal([new FitProgress(0.5, "half way")], progress);
            Assert.Equal(TimeSpan.FromTicks(4242), fitTime);
            Assert.Equal("seeded", fitted.Type);
        }

        Assert.False(Directory.Exists(File.ReadAllText(Path.Combine(_temp, "request-folder")).Trim()));
    }

    [Theory]
    [InlineData("printf 'error: the data is bad\\n'; printf 'more on stderr\\n' >&2; exit 3", "exit code 3", "the data is bad")]
    [InlineData("printf 'progress\\t0.1\\tstarted\\n'; exit 0", "without reporting a fitted model", "exit code 0")]
    public void GivenAFailingWorker_WhenARunFitsThroughIt_ThenTheMessageNamesTheDetectorSeedAndWhatTheWorkerSaid(string script,
        string expected, string alsoExpected)
    {
        var worker = Worker(RecordingTheRequestFolder() + script);

        var error = Assert.Throws<SyscallBenchException>(() => worker.Fit(Reader.Read(Experiment, "exp.yaml"), SeededSpec(), 7, Train,
            new SynchronousProgress<FitProgress>(_ => { }), CancellationToken.None));

        Assert.Contains("Detector 's' (seed 7)", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(alsoExpected, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(File.ReadAllText(Path.Combine(_temp, "request-folder")).Trim()));
    }

    [Fact]
    public void GivenAWorkerStillFitting_WhenTheRunIsCancelled_ThenTheWorkerIsStoppedAtOnceAndNothingIsLeft()
    {
        // Given a worker that reports progress, then would fit for a minute
        var worker = Worker(RecordingTheRequestFolder() + """
            printf 'progress\t0.1\tstarted\n'
            sleep 60
            """);
        using var cancel = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // When the run is cancelled at its first progress line
        Assert.ThrowsAny<OperationCanceledException>(() => worker.Fit(Reader.Read(Experiment, "exp.yaml"), SeededSpec(), 7, Train,
            new SynchronousProgress<FitProgress>(_ => cancel.Cancel()), cancel.Token));

        // Then the fit ended long before the worker's minute, and its request folder is gone
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.False(Directory.Exists(File.ReadAllText(Path.Combine(_temp, "request-folder")).Trim()));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void GivenAnAllCoresDetector_WhenARunHasWorkers_ThenItsUnitsAreFittedByThemOnlyWithMoreThanOneSlot(int parallel, bool throughWorker)
    {
        // Given a run of a counting detector and one that uses all cores (like the LSTM), and a stand-in worker that
        // hands back a saved model of the latter with a fit time of 4242 ticks
        var saved = Path.Combine(_temp, "saved-exclusive");
        var config = Reader.Read($$"""
            name: workers
            dataset: {type: inline}
            detectors: [{name: a, type: counting}, {name: x, type: exclusive}]
            output: {{_temp}}/runs
            parallel: {{parallel}}
            """, Path.Combine(_temp, "exp.yaml"));
        using (var fitted = config.Detectors[1].Create().Fit(Train, new FitContext(1)))
        {
            DetectorRegistry.Save(fitted, saved);
        }

        var runner = new ExperimentRunner([], fitWorkers: Worker($"cp -r '{saved}' \"$2/model\"; printf 'fitted\\t4242\\n'"));

        // When it runs
        var result = runner.Run(config, SilentRunObserver.Instance).Result;

        // Then the all-cores unit came from the worker exactly when the run has more than one slot; the other never
        Assert.Equal(throughWorker, runner.FitsInWorker(config.Detectors[1], config));
        Assert.False(runner.FitsInWorker(config.Detectors[0], config));
        Assert.Equal(throughWorker, result.Detectors.Single(d => d.Detector == "x").FitTime == TimeSpan.FromTicks(4242));
        Assert.NotEqual(TimeSpan.FromTicks(4242), result.Detectors.Single(d => d.Detector == "a").FitTime);
    }

    /// <summary>A worker program: sh running the script with $1 = fit-worker and $2 = the request folder.</summary>
    private static FitWorkerProcess Worker(string script) => new(TestComponents.Detectors, "/bin/sh", ["-c", script, "sh"]);

    /// <summary>The start of a worker script that writes its request folder's path where the test can check it is gone.</summary>
    private string RecordingTheRequestFolder() => $"printf '%s\\n' \"$2\" > '{_temp}/request-folder'\n";

    private static DetectorSpec SeededSpec() => Reader.Read(Experiment, "exp.yaml").Detectors[1];

    private string SavedSeededModel()
    {
        var folder = Path.Combine(_temp, "saved");
        using var fitted = SeededSpec().Create().Fit(Train, new FitContext(7));
        DetectorRegistry.Save(fitted, folder);
        return folder;
    }
}
