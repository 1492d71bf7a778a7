using SyscallBench.Core.Streaming;

namespace SyscallBench.Core.Tests.Streaming;

/// <summary>`score --dataset EXP --split S --label L` (traces picked from a dataset) and `--calibrate` with several folders or a labels.csv.</summary>
public sealed partial class ScoreSessionTests
{
    /// <summary>An experiment file with the trace folder as its only dataset (and no detectors: score needs none).</summary>
    private string SelectionExperiment()
    {
        TraceFolderDataset();
        var file = Path.Combine(_temp, "selection.yaml");
        File.WriteAllText(file, "name: selection\ndataset: {type: trace-folder, params: {path: traces} }\n");
        return file;
    }

    [Fact]
    public void GivenADatasetSelection_WhenScored_ThenEachPickedTraceIsAProcessWithTheScoreTheModelGivesIt()
    {
        // Given the model of the trace folder's run, and its test normals picked from the dataset
        var model = FitStide(TraceFolderDataset());
        var warnings = new List<string>();
        using var session = Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null))
        {
            Dataset = new DatasetSelection(SelectionExperiment(), "test", "normal"),
        }, warnings);
        var sink = new RecordingSink();

        // When
        var (_, end) = session.Score(Stream.Null, sink, _ => { });

        // Then the 10 test normals were scored, one process each, named by the trace id, with the model's whole-trace score
        Assert.Equal(ScoreEnd.InputEnded, end);
        var picked = session.Selected!.Traces;
        Assert.Equal(10, picked.Count);
        Assert.All(picked, t => Assert.False(t.IsAttack));
        Assert.StartsWith("the 10 normal traces of the test split of dataset 'trace-folder'", session.Selected.Description, StringComparison.Ordinal);
        Assert.Equal(picked.Select(t => t.Id), sink.Ended.Select(e => e.End.Process));
        Assert.All(sink.Ended, e => Assert.Equal(session.Model.Score(picked.Single(t => t.Id == e.End.Process)).Value, e.TraceScore));
        Assert.DoesNotContain(session.Warnings, w => w.Contains("selected traces", StringComparison.Ordinal));
        Assert.Empty(warnings);
    }

    [Fact]
    public void GivenTheTrainSplitTheModelWasFittedOn_WhenSelected_ThenItWarnsThatTheScoresAreInSample()
    {
        var model = FitStide(TraceFolderDataset());

        using var session = Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null)) { Dataset = new DatasetSelection(SelectionExperiment(), "train", null) });

        var warning = Assert.Single(session.Warnings, w => w.Contains("selected traces", StringComparison.Ordinal));
        Assert.StartsWith("20 of the 20 selected traces are traces the model was fitted on (split 'official'", warning, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string?, string> BadSelections => new()
    {
        { "dev", null, "--split must be one of train, validation, test, got 'dev'." },
        { null, "benign", "--label must be normal or attack, got 'benign'." },
        { "validation", null, "--split validation: dataset 'trace-folder' (trace-folder at " },
        { "train", "attack", "--label attack: dataset 'trace-folder' (trace-folder at " },
    };

    [Theory]
    [MemberData(nameof(BadSelections))]
    public void GivenASelectionTheDatasetCannotGive_WhenOpened_ThenTheMessageNamesTheOption(string? split, string? label, string start)
    {
        var model = FitStide(TraceFolderDataset());

        var error = Assert.Throws<SyscallBenchException>(() =>
            Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null)) { Dataset = new DatasetSelection(SelectionExperiment(), split, label) }));

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        if (split == "validation")
        {
            Assert.EndsWith("has no validation traces; its splits: train (20 traces), test (11 traces).", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GivenAModelOfMadeUpNumbers_WhenTracesOfAnX8664DatasetAreSelected_ThenItRefusesNamingTheDataset()
    {
        var model = FitStide("{type: synthetic, params: {seed: 5, train_traces: 20, test_normal_traces: 20, attack_traces_per_family: 2} }");
        var experiment = SelectionExperiment();

        var error = Assert.Throws<SyscallBenchException>(() =>
            Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null)) { Dataset = new DatasetSelection(experiment, "test", null) }));

        Assert.Contains($"but the --dataset {experiment} traces are of dataset type 'trace-folder' (x86-64 numbers)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenALabelsCsvToCalibrateOn_WhenOpened_ThenOnlyItsNormalRowsSetTheThreshold()
    {
        // Given the trace folder's labels.csv: 30 normal rows and one attack
        var model = FitStide(TraceFolderDataset());
        var labels = Path.Combine(_temp, "traces", "labels.csv");

        // When
        using var session = Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null)) { Calibrate = [labels] });

        // Then the 30 normal files were replayed, and the source says the attack was left out
        Assert.Equal(30, session.Calibration.Traces);
        Assert.Equal($"the 30 normal rows of {labels} (1 attack row left out) (--calibrate), taken as normal", session.Calibration.Source);
    }

    [Fact]
    public void GivenSeveralCalibrationFolders_WhenOpened_ThenTheirTracesTogetherSetTheThreshold_AndEachIsPartOfTheCacheKey()
    {
        var model = FitStide(TraceFolderDataset());
        var first = StraceFolder("calibration-a", 100, 200);
        var second = StraceFolder("calibration-b", 300);

        using var both = Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null)) { Calibrate = [first, second] });
        using var one = Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null)) { Calibrate = [first] });

        Assert.Equal(3, both.Calibration.Traces);
        Assert.Contains($"the 2 files under {first} and the 1 file under {second}", both.Calibration.Source, StringComparison.Ordinal);
        Assert.False(one.CalibrationCached);
        Assert.Equal(2, one.Calibration.Traces);
    }

    [Fact]
    public void GivenALabelsCsvNamingAMissingFile_WhenCalibrating_ThenTheMessageNamesItsLine()
    {
        var model = FitStide(TraceFolderDataset());
        var labels = Path.Combine(_temp, "other-labels.csv");
        File.WriteAllText(labels, "file,split,label,family\nmissing.strace,train,normal,\n");

        var error = Assert.Throws<SyscallBenchException>(() => Open(new ScoreRequest(model, Input: null, new WindowSpec(10, null)) { Calibrate = [labels] }));

        Assert.StartsWith($"--calibrate {labels}:2: trace file 'missing.strace' not found", error.Message, StringComparison.Ordinal);
    }
}
