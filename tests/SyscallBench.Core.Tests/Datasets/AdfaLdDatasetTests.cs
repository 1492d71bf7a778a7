using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Datasets;

public sealed class AdfaLdDatasetTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static AdfaLdLoadResult LoadFrom(string path, bool strictCounts = false) =>
        AdfaLdDataset.LoadFrom(new AdfaLdLocation(path, "test"), strictCounts);

    [Fact]
    public void GivenMiniZip_WhenLoaded_ThenSplitsLabelsFamiliesIdsAndCallsFollowTheOfficialProtocol()
    {
        // Given
        var zip = new MiniAdfaLd().WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var dataset = LoadFrom(zip).Dataset;

        // Then
        Assert.Equal("adfa-ld", dataset.Name);
        Assert.Equal(["Training_Data_Master/UTD-0001.txt", "Training_Data_Master/UTD-0002.txt"], dataset.Train.Select(t => t.Id));
        Assert.Equal([3, 4, 5, 6], dataset.Train[0].Calls);
        Assert.Equal([6, 6, 63, 6], dataset.Train[1].Calls);
        Assert.All(dataset.Train, t => Assert.Equal(TraceLabel.Normal, t.Label));
        Assert.Equal(
            [
                ("Attack_Data_Master/Adduser_1/UAD-Adduser-1-2783.txt", TraceLabel.Attack, "Adduser"),
                ("Attack_Data_Master/Web_Shell_10/UAD-WS10-7.txt", TraceLabel.Attack, "Web_Shell"),
                ("Attack_Data_Master/Web_Shell_2/UAD-WS2-1.txt", TraceLabel.Attack, "Web_Shell"),
                ("Validation_Data_Master/UVD-0001.txt", TraceLabel.Normal, (string?)null),
            ],
            dataset.Test.Select(t => (t.Id, t.Label, t.Family)));
        Assert.Equal([240, 243, 265], dataset.Test[2].Calls);
        Assert.Equal(zip + "!ADFA-LD/Attack_Data_Master/Adduser_1/UAD-Adduser-1-2783.txt", dataset.Test[0].Source);
        Assert.Equal(1, dataset.TestNormalCount);
        Assert.Equal(3, dataset.TestAttackCount);
    }

    [Fact]
    public void GivenMiniLayout_WhenLoaded_ThenProvenanceHasLocationHashAndCountsPerSplitAndFamily()
    {
        // Given
        var zip = new MiniAdfaLd().WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var result = LoadFrom(zip);
        var provenance = result.Dataset.Provenance;

        // Then
        Assert.Equal("adfa-ld", provenance.Type);
        Assert.Equal(zip, provenance.Location);
        Assert.Equal(DatasetHash.Compute(result.Dataset.Train, result.Dataset.Test), provenance.ContentHash);
        Assert.Contains("train = Training_Data_Master: 2 normal traces, 8 calls", provenance.Notes);
        Assert.Contains("test normal = Validation_Data_Master: 1 traces, 3 calls", provenance.Notes);
        Assert.Contains("test attack = Attack_Data_Master: 3 traces in 3 folders, 7 calls", provenance.Notes);
        Assert.Contains("family Adduser: 1 traces in 1 folders", provenance.Notes);
        Assert.Contains("family Web_Shell: 2 traces in 2 folders", provenance.Notes);
        Assert.Equal(new Dictionary<string, int> { ["Adduser"] = 1, ["Web_Shell"] = 2 }, result.Counts.AttackTracesByFamily);
    }

    [Fact]
    public void GivenTheSameLayoutAsZipFolderAndParentFolder_WhenLoaded_ThenTracesAndContentHashesAreIdentical()
    {
        // Given
        var mini = new MiniAdfaLd();
        var zip = mini.WriteZip(_temp.Combine("ADFA-LD.zip"));
        var adfaFolder = mini.WriteFolder(_temp.Combine("unzipped"));

        // When
        var fromZip = LoadFrom(zip).Dataset;
        var fromFolder = LoadFrom(adfaFolder).Dataset;
        var fromParent = LoadFrom(_temp.Combine("unzipped")).Dataset;

        // Then
        Assert.Equal(fromZip.Provenance.ContentHash, fromFolder.Provenance.ContentHash);
        Assert.Equal(fromZip.Provenance.ContentHash, fromParent.Provenance.ContentHash);
        Assert.Equal(fromZip.Test.Select(t => t.Id), fromFolder.Test.Select(t => t.Id));
        Assert.Equal(Path.Combine(adfaFolder, "Training_Data_Master", "UTD-0001.txt"), fromFolder.Train[0].Source);
    }

    [Fact]
    public void GivenZipWithoutRootFolder_WhenLoaded_ThenTheMasterFoldersAreFoundAtTheTop()
    {
        // Given
        var zip = new MiniAdfaLd().WriteZip(_temp.Combine("flat.zip"), root: "");

        // When
        var dataset = LoadFrom(zip).Dataset;

        // Then
        Assert.Equal(2, dataset.Train.Count);
        Assert.Equal("Training_Data_Master/UTD-0001.txt", dataset.Train[0].Id);
    }

    [Fact]
    public void GivenASubsetOfTheOfficialCounts_WhenLoaded_ThenItLoadsButWarnsAndSaysSoInTheNotes()
    {
        // Given
        var zip = new MiniAdfaLd().WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var result = LoadFrom(zip);

        // Then
        Assert.False(result.MatchesOfficialCounts);
        Assert.Equal(
            [
                "Training_Data_Master traces: 2 (official 833).",
                "Validation_Data_Master traces: 1 (official 4,372).",
                "Attack_Data_Master traces: 3 (official 746).",
                "Attack_Data_Master family folders: 3 (official 60).",
            ],
            result.Warnings);
        Assert.Contains(result.Dataset.Provenance.Notes, n => n.StartsWith("WARNING: counts differ from the official ADFA-LD release", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenASubsetAndStrictCounts_WhenLoaded_ThenItFailsNamingTheDifferences()
    {
        // Given
        var zip = new MiniAdfaLd().WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(zip, strictCounts: true));

        // Then
        Assert.Contains("strict_counts", error.Message);
        Assert.Contains("Training_Data_Master traces: 2 (official 833).", error.Message);
    }

    [Fact]
    public void GivenZipWithoutValidationFolder_WhenLoaded_ThenTheErrorNamesWhatIsMissingAndWhatWasFound()
    {
        // Given
        var zip = new MiniAdfaLd().Without("Validation_Data_Master/").WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(zip));

        // Then
        Assert.Equal(
            $"{zip}!ADFA-LD/: missing Validation_Data_Master/ (with trace files); found Attack_Data_Master/, Training_Data_Master/.",
            error.Message);
    }

    [Fact]
    public void GivenZipWithNoneOfTheMasterFolders_WhenLoaded_ThenTheErrorListsTheTopLevel()
    {
        // Given
        var zip = new MiniAdfaLd().Without("Training").Without("Validation").Without("Attack").WriteZip(_temp.Combine("other.zip"), root: "data/");

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(zip));

        // Then
        Assert.Equal(
            $"{zip}: not ADFA-LD: none of Training_Data_Master/, Validation_Data_Master/, Attack_Data_Master/ found; top level holds data/.",
            error.Message);
    }

    [Fact]
    public void GivenAFileThatIsNotAZip_WhenLoaded_ThenTheErrorSaysSo()
    {
        // Given
        var path = _temp.Combine("ADFA-LD.zip");
        File.WriteAllText(path, "this is not a zip");

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(path));

        // Then
        Assert.StartsWith($"{path}: not a readable zip archive", error.Message);
    }

    [Fact]
    public void GivenAFolderWithoutMasterFolders_WhenLoaded_ThenTheErrorListsWhatItFound()
    {
        // Given
        Directory.CreateDirectory(_temp.Combine("somewhere", "Training"));

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(_temp.Combine("somewhere")));

        // Then
        Assert.Contains("not an ADFA-LD folder", error.Message);
        Assert.EndsWith("found Training.", error.Message);
    }

    [Fact]
    public void GivenAFolderHoldingTheZip_WhenLoaded_ThenTheErrorSuggestsPointingAtTheZip()
    {
        // Given
        new MiniAdfaLd().WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(_temp.Path));

        // Then
        Assert.EndsWith($"found ADFA-LD.zip. To read the zip, point at {_temp.Combine("ADFA-LD.zip")}.", error.Message);
    }

    [Fact]
    public void GivenALocationThatDoesNotExist_WhenLoadedDirectly_ThenItIsADatasetError()
    {
        var error = Assert.Throws<DatasetException>(() => LoadFrom(_temp.Combine("gone.zip")));

        Assert.Equal($"{_temp.Combine("gone.zip")}: ADFA-LD not found (no such file or folder; given by test).", error.Message);
    }

    [Fact]
    public void GivenAnEmptyTraceFile_WhenLoaded_ThenTheErrorNamesTheFile()
    {
        // Given
        var zip = new MiniAdfaLd().With("Validation_Data_Master/UVD-0002.txt", " \n").WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(zip));

        // Then
        Assert.Equal($"{zip}!ADFA-LD/Validation_Data_Master/UVD-0002.txt: empty trace (no syscall numbers in the file).", error.Message);
    }

    [Theory]
    [InlineData("3 4\n5 x7 6", 2, "x7", "not a syscall number (expected a non-negative integer)")]
    [InlineData("3 4 5,6", 1, "5,6", "not a syscall number (expected a non-negative integer)")]
    [InlineData("3\r\n4\r\n-5\r\n", 3, "-5", "negative syscall number")]
    [InlineData("3 99999999999999999999 4", 1, "99999999999999999999", "syscall number is larger than 65535")]
    [InlineData("65536", 1, "65536", "syscall number is larger than 65535")]
    public void GivenABadToken_WhenLoaded_ThenTheErrorNamesFileLineAndToken(string content, int line, string token, string problem)
    {
        // Given
        var zip = new MiniAdfaLd().With("Training_Data_Master/UTD-0003.txt", content).WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(zip));

        // Then
        Assert.Equal($"{zip}!ADFA-LD/Training_Data_Master/UTD-0003.txt:{line}: {problem} (token '{token}')", error.Message);
    }

    [Fact]
    public void GivenAnAttackTraceOutsideAFamilyFolder_WhenLoaded_ThenTheErrorExplainsTheExpectedLayout()
    {
        // Given
        var folder = new MiniAdfaLd().With("Attack_Data_Master/UAD-loose.txt", "3 4").WriteFolder(_temp.Path);

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(folder));

        // Then
        Assert.StartsWith(Path.Combine(folder, "Attack_Data_Master", "UAD-loose.txt") + ": unexpected layout: attack traces must sit in a family folder", error.Message);
    }

    [Fact]
    public void GivenAnAttackFolderWithoutNumber_WhenLoaded_ThenTheErrorNamesTheFolder()
    {
        // Given
        var zip = new MiniAdfaLd().With("Attack_Data_Master/Adduser/UAD-1.txt", "3 4").WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(zip));

        // Then
        Assert.Equal(
            $"{zip}!ADFA-LD/Attack_Data_Master/Adduser/UAD-1.txt: unexpected layout: attack folder 'Adduser' is not named <Family>_<N> (e.g. Adduser_1, Hydra_FTP_10).",
            error.Message);
    }

    [Fact]
    public void GivenATrainingSubfolder_WhenLoaded_ThenTheErrorSaysTraceFilesMustSitDirectlyInTheFolder()
    {
        // Given
        var zip = new MiniAdfaLd().With("Training_Data_Master/more/UTD-9.txt", "3").WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var error = Assert.Throws<DatasetException>(() => LoadFrom(zip));

        // Then
        Assert.Equal(
            $"{zip}!ADFA-LD/Training_Data_Master/more/UTD-9.txt: unexpected layout: Training_Data_Master/ must hold trace files directly, not subfolders.",
            error.Message);
    }

    [Fact]
    public void GivenNonTraceFilesInsideAMasterFolder_WhenLoaded_ThenTheyAreSkippedAndNoted()
    {
        // Given
        var zip = new MiniAdfaLd().With("Training_Data_Master/.DS_Store", "\0\0").With("Training_Data_Master/notes.md", "hi")
            .WriteZip(_temp.Combine("ADFA-LD.zip"));

        // When
        var dataset = LoadFrom(zip).Dataset;

        // Then
        Assert.Equal(2, dataset.Train.Count);
        Assert.Contains("skipped 2 non-trace files (not *.txt or hidden), e.g. Training_Data_Master/.DS_Store", dataset.Provenance.Notes);
    }

    [Theory]
    [InlineData("Hydra_FTP_10", "Hydra_FTP")]
    [InlineData("Java_Meterpreter_1", "Java_Meterpreter")]
    [InlineData("Adduser_3", "Adduser")]
    public void GivenAnAttackFolderName_WhenTheFamilyIsTaken_ThenTheTrailingNumberIsDropped(string folder, string family) =>
        Assert.Equal(family, AdfaLdDataset.FamilyOf(folder));

    [Fact]
    public void GivenTheRegistry_WhenAdfaLdIsLookedUp_ThenItHasItsTwoDocumentedOptions()
    {
        // Given / When
        var descriptor = DatasetRegistry.Default.Find("adfa-ld");

        // Then
        Assert.NotNull(descriptor);
        Assert.Equal(["path", "strict_counts"], descriptor.Parameters.Select(p => p.YamlName));
        Assert.Equal("false", descriptor.Parameters[1].DefaultText);
    }

    [Fact]
    public void GivenAnEmptyPathOption_WhenValidated_ThenItIsRejected()
    {
        // Given
        var options = new AdfaLdOptions { Path = "  " };

        // When
        var errors = options.Validate().ToArray();

        // Then
        Assert.Equal([new Core.Config.OptionError("Path", "must not be empty; leave it out to use the default locations")], errors);
    }
}
