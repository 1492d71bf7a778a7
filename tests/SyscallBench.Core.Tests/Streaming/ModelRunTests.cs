using SyscallBench.Core.Results;
using SyscallBench.Core.Streaming;

namespace SyscallBench.Core.Tests.Streaming;

public sealed class ModelRunTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("syscallbench-modelrun-").FullName;

    public void Dispose() => Directory.Delete(_run, recursive: true);

    [Theory]
    [InlineData("models/stide-6")]
    [InlineData("models/lstm/seed-2")]
    [InlineData("models/resplit-1/stide-6")]
    [InlineData("models/resplit-1/lstm/seed-2")]
    public void GivenEveryModelLayoutARunWrites_WhenItsRunIsLookedFor_ThenItIsFound(string model)
    {
        // Given a run folder (config.yaml and manifest.json) and a model folder at one of the layouts of ExperimentRunner.SaveModel
        File.WriteAllText(Path.Combine(_run, "config.yaml"), "");
        File.WriteAllText(Path.Combine(_run, "manifest.json"), "{}");
        var modelDirectory = Path.Combine(_run, model);
        Directory.CreateDirectory(modelDirectory);

        // Then the run folder is found from the model folder
        Assert.Equal(Path.GetFullPath(_run), RunFolder.Containing(modelDirectory)?.Path);
    }
}
