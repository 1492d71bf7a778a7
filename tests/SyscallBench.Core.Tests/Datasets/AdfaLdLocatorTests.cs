using SyscallBench.Core.Datasets;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Datasets;

public sealed class AdfaLdLocatorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Touch(params string[] parts)
    {
        var path = _temp.Combine(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    [Fact]
    public void GivenARelativeConfiguredPath_WhenLocated_ThenItResolvesAgainstTheExperimentFolderAndWinsOverEverythingElse()
    {
        // Given
        var zip = Touch("data", "ADFA-LD.zip");
        var environmentZip = Touch("env", "ADFA-LD.zip");
        var context = new DatasetContext(_temp.Combine("experiments"));

        // When
        var location = AdfaLdLocator.Locate("../data/ADFA-LD.zip", context, environmentZip, _temp.Path);

        // Then
        Assert.Equal(new AdfaLdLocation(zip, "dataset.path in the experiment config"), location);
    }

    [Fact]
    public void GivenAConfiguredPathThatDoesNotExist_WhenLocated_ThenTheErrorNamesTheResolvedPathAndHowToGetTheData()
    {
        // Given
        var context = new DatasetContext(_temp.Combine("experiments"));

        // When
        var error = Assert.Throws<DatasetException>(() => AdfaLdLocator.Locate("../missing.zip", context, null, _temp.Path));

        // Then
        Assert.Contains($"dataset.path '../missing.zip' resolves to '{_temp.Combine("missing.zip")}'", error.Message);
        Assert.Contains("datasets/README.md", error.Message);
    }

    [Fact]
    public void GivenOnlyTheEnvironmentVariable_WhenLocated_ThenItIsUsed()
    {
        // Given
        var environmentZip = Touch("env", "ADFA-LD.zip");
        Touch("datasets", "ADFA-LD.zip");

        // When
        var location = AdfaLdLocator.Locate(null, new DatasetContext(_temp.Path), environmentZip, _temp.Path);

        // Then
        Assert.Equal(new AdfaLdLocation(environmentZip, "environment variable SYSCALLBENCH_ADFA_LD"), location);
    }

    [Fact]
    public void GivenAnEnvironmentVariablePointingNowhere_WhenLocated_ThenTheErrorNamesTheVariable()
    {
        // When
        var error = Assert.Throws<DatasetException>(() =>
            AdfaLdLocator.Locate(null, new DatasetContext(_temp.Path), "nowhere/ADFA-LD.zip", _temp.Path));

        // Then
        Assert.Contains($"SYSCALLBENCH_ADFA_LD='nowhere/ADFA-LD.zip' points to '{_temp.Combine("nowhere", "ADFA-LD.zip")}'", error.Message);
    }

    [Fact]
    public void GivenNoPathAndNoVariable_WhenLocated_ThenDefaultLocationsAreTriedInOrder()
    {
        // Given
        var work = _temp.Combine("work");
        Directory.CreateDirectory(_temp.Combine("work", "datasets", "ADFA-LD"));
        var shared = Touch("shared", "datasets", "adfa-ld", "ADFA-LD.zip");

        // When
        var folderFirst = AdfaLdLocator.Locate(null, new DatasetContext(work), null, work);
        Directory.Delete(_temp.Combine("work", "datasets", "ADFA-LD"));
        var sharedLast = AdfaLdLocator.Locate(null, new DatasetContext(work), "", work);

        // Then
        Assert.Equal(new AdfaLdLocation(_temp.Combine("work", "datasets", "ADFA-LD"), "default location datasets/ADFA-LD"), folderFirst);
        Assert.Equal(new AdfaLdLocation(shared, "default location ../shared/datasets/adfa-ld/ADFA-LD.zip"), sharedLast);
    }

    [Fact]
    public void GivenNothingAnywhere_WhenLocated_ThenTheErrorListsEveryPlaceItLookedAndHowToGetTheDataset()
    {
        // Given
        var work = _temp.Combine("work");

        // When
        var error = Assert.Throws<DatasetException>(() => AdfaLdLocator.Locate(null, new DatasetContext(work), null, work));

        // Then
        Assert.Contains("dataset.path in the experiment config (not set)", error.Message);
        Assert.Contains("environment variable SYSCALLBENCH_ADFA_LD (not set)", error.Message);
        Assert.Contains(Path.Combine(work, "datasets", "ADFA-LD.zip"), error.Message);
        Assert.Contains(Path.Combine(work, "datasets", "ADFA-LD"), error.Message);
        Assert.Contains(_temp.Combine("shared", "datasets", "adfa-ld", "ADFA-LD.zip"), error.Message);
        Assert.Contains("UNSW Canberra's ADFA IDS datasets page", error.Message);
    }
}
