using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Datasets;

public sealed class TraceFolderDatasetTests : IDisposable
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "datasets");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static LabeledDataset LoadFixture(string name) =>
        TraceFolderDataset.Load(new TraceFolderOptions { Path = name }, new DatasetContext(FixtureFolder));

    /// <summary>Writes labels.csv (and t1.txt, t2.txt, t3.txt with small valid traces) into a temp folder.</summary>
    private string WriteFolder(string labels)
    {
        File.WriteAllText(_temp.Combine("labels.csv"), labels);
        File.WriteAllText(_temp.Combine("t1.txt"), "3 4 5");
        File.WriteAllText(_temp.Combine("t2.txt"), "6 7");
        File.WriteAllText(_temp.Combine("t3.txt"), "8");
        return _temp.Path;
    }

    private DatasetException LoadFails(string labels)
    {
        var folder = WriteFolder(labels);
        return Assert.Throws<DatasetException>(() => TraceFolderDataset.Load(new TraceFolderOptions { Path = folder }, new DatasetContext("/")));
    }

    [Fact]
    public void GivenTheValidFixture_WhenLoaded_ThenSplitsLabelsFamiliesIdsAndCallsAreAsListed()
    {
        // When
        var dataset = LoadFixture("trace-folder-valid");

        // Then
        Assert.Equal("trace-folder", dataset.Name);
        Assert.Equal(["normal/n1.txt", "normal/n2.txt"], dataset.Train.Select(t => t.Id));
        Assert.Equal([3, 4, 5, 6, 3, 4, 5, 6], dataset.Train[0].Calls);
        Assert.Equal([3, 4, 5, 6, 3, 4], dataset.Train[1].Calls);
        Assert.Equal(
            [
                ("attack/a1.txt", TraceLabel.Attack, "web_shell"),
                ("attack/a2.txt", TraceLabel.Attack, "privilege_escalation"),
                ("normal/n3.txt", TraceLabel.Normal, (string?)null),
            ],
            dataset.Test.Select(t => (t.Id, t.Label, t.Family)));
        Assert.Equal([213, 214, 15], dataset.Test[1].Calls);
        Assert.Equal(DatasetHash.Compute(dataset.Train, dataset.Test), dataset.Provenance.ContentHash);
        Assert.Contains("train: 2 traces, 14 calls", dataset.Provenance.Notes);
        Assert.Contains("family web_shell: 1 traces, 6 calls", dataset.Provenance.Notes);
    }

    [Fact]
    public void GivenABadTokenFixture_WhenLoaded_ThenTheErrorNamesTraceFileLineAndToken()
    {
        // When
        var error = Assert.Throws<DatasetException>(() => LoadFixture("trace-folder-bad-token"));

        // Then
        Assert.Equal(
            $"{Path.Combine(FixtureFolder, "trace-folder-bad-token", "t1.txt")}:2: not a syscall number (expected a non-negative integer) (token 'read')",
            error.Message);
    }

    [Fact]
    public void GivenAnAttackInTheTrainSplit_WhenLoaded_ThenTheErrorNamesTheLabelsLineAndTheRule()
    {
        // When
        var error = Assert.Throws<DatasetException>(() => LoadFixture("trace-folder-attack-in-train"));

        // Then
        Assert.Equal(
            $"{Path.Combine(FixtureFolder, "trace-folder-attack-in-train", "labels.csv")}:3: attack trace 't2.txt' is in the train split; "
            + "detectors are fitted on normal traces only, so attacks belong to test.",
            error.Message);
    }

    [Theory]
    [InlineData("file,split,label,family\nt1.txt,train,normal,\nt9.txt,test,normal,\n", 3, "trace file 't9.txt' not found")]
    [InlineData("file,split,label,family\nt1.txt,train,normal,\nt2.txt,validation,normal,\n", 3, "split must be 'train' or 'test', got 'validation'.")]
    [InlineData("file,split,label,family\nt1.txt,train,normal,\nt2.txt,test,evil,\n", 3, "label must be 'normal' or 'attack', got 'evil'.")]
    [InlineData("file,split,label,family\nt1.txt,train,normal\n", 2, "expected 4 fields (file,split,label,family), got 3.")]
    [InlineData("file,split,label,family\nt1.txt,train,normal,\n\nt1.txt,test,normal,\n", 4, "file 't1.txt' is listed twice (first on line 2, as the same path 't1.txt').")]
    [InlineData("file,split,label,family\nt1.txt,train,normal,\n./t1.txt,test,normal,\n", 3, "file './t1.txt' is listed twice (first on line 2, as the same path 't1.txt').")]
    [InlineData("file,split,label,family\nt1.txt,train,normal,\n.//./t1.txt,test,normal,\n", 3, "file './/./t1.txt' is listed twice (first on line 2, as the same path 't1.txt').")]
    [InlineData("file,split,label,family\n./,train,normal,\n", 2, "file './' names the folder itself, not a trace file.")]
    [InlineData("file,split,label,family\n../t1.txt,train,normal,\n", 2, "file '../t1.txt' must be a relative path inside the trace folder.")]
    [InlineData("file,split,kind\n", 1, "unknown column 'kind'; columns are file,split,label,family and, for recordings (streams), attack_start.")]
    [InlineData("file,split,family\n", 1, "missing column 'label' in the header; expected file,split,label,family and, for recordings (streams), attack_start.")]
    [InlineData("file,split,label,family\n\"t1.txt,train,normal,\n", 2, "unterminated quoted field.")]
    public void GivenABadLabelsLine_WhenLoaded_ThenTheErrorNamesLabelsFileAndLine(string labels, int line, string message)
    {
        // When
        var error = LoadFails(labels);

        // Then
        Assert.StartsWith($"{_temp.Combine("labels.csv")}:{line}: {message}", error.Message);
    }

    [Fact]
    public void GivenNoTestRows_WhenLoaded_ThenTheErrorSaysBothSplitsAreNeeded()
    {
        // When
        var error = LoadFails("file,split,label,family\nt1.txt,train,normal,\n");

        // Then
        Assert.Equal($"{_temp.Combine("labels.csv")}: needs at least one train and one test trace; has 1 train and 0 test rows.", error.Message);
    }

    [Fact]
    public void GivenAFamilyColumnLeftOutAndAnAttackWithoutFamily_WhenLoaded_ThenTheFamilyIsUnspecified()
    {
        // Given
        var folder = WriteFolder("file,label,split\nt1.txt,normal,train\nt2.txt,attack,test\n");

        // When
        var dataset = TraceFolderDataset.Load(new TraceFolderOptions { Path = folder }, new DatasetContext("/"));

        // Then
        Assert.Equal("unspecified", Assert.Single(dataset.Test).Family);
    }

    [Fact]
    public void GivenAMissingFolderOrLabelsFile_WhenLoaded_ThenTheErrorNamesThePath()
    {
        // When
        var noFolder = Assert.Throws<DatasetException>(() =>
            TraceFolderDataset.Load(new TraceFolderOptions { Path = "missing" }, new DatasetContext(_temp.Path)));
        var noLabels = Assert.Throws<DatasetException>(() =>
            TraceFolderDataset.Load(new TraceFolderOptions { Path = "." }, new DatasetContext(_temp.Path)));

        // Then
        Assert.Equal($"trace folder 'missing' resolves to '{_temp.Combine("missing")}', which does not exist.", noFolder.Message);
        Assert.StartsWith($"{Path.Combine(_temp.Path, "labels.csv")}: labels file not found", noLabels.Message);
    }

    [Fact]
    public void GivenNoPath_WhenValidated_ThenPathIsRequired() =>
        Assert.Equal([new Core.Config.OptionError("Path", "is required: the folder with labels.csv and the trace files")],
            new TraceFolderOptions().Validate());

    [Fact]
    public void GivenNormalRowsWithAFamily_WhenLoaded_ThenTheFamilyNamesTheirKindOfWork()
    {
        // Given labels.csv as many hand-made label files are written (it was refused: "only attack traces have a family")
        var folder = WriteFolder("file,split,label,family\nt1.txt,train,normal,build\nt2.txt,test,normal,backup\nt3.txt,test,attack,web\n");

        // When
        var dataset = TraceFolderDataset.Load(new TraceFolderOptions { Path = folder }, new DatasetContext("/"));

        // Then each normal trace keeps its family, stays normal, and the notes count the test normals per family
        Assert.Equal(("t1.txt", TraceLabel.Normal, "build"), (dataset.Train[0].Id, dataset.Train[0].Label, dataset.Train[0].Family));
        Assert.Equal(
            [("t2.txt", TraceLabel.Normal, "backup"), ("t3.txt", TraceLabel.Attack, "web")],
            dataset.Test.Select(t => (t.Id, t.Label, t.Family)));
        Assert.Contains("normal family backup: 1 traces, 2 calls", dataset.Provenance.Notes);
    }

    [Fact]
    public void GivenAPathWrittenWithDotSegments_WhenLoaded_ThenItsIdIsThePlainPath()
    {
        // Given a row written './t2.txt'
        var folder = WriteFolder("file,split,label,family\nt1.txt,train,normal,\n./t2.txt,test,normal,\n");

        // When
        var dataset = TraceFolderDataset.Load(new TraceFolderOptions { Path = folder }, new DatasetContext("/"));

        // Then the trace is named as if written plainly, so ids do not depend on how the path was spelled
        Assert.Equal("t2.txt", Assert.Single(dataset.Test).Id);
    }
}
